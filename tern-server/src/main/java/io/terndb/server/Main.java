package io.terndb.server;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigParser;
import io.terndb.server.config.DefaultConfig;
import io.terndb.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tern start [--config FILE]}: runs one node in the foreground until SIGTERM/SIGINT. Without a file it serves
 * the embedded default (namespace {@code test} on 127.0.0.1:3000). A configuration error exits with status 1 and
 * names the file, the line and the reason.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c", "--config-file" -> {
                    if (i + 1 == args.length) {
                        exit("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: tern start [--config FILE]");
                    return;
                }
                default -> exit("unknown argument '" + args[i] + "' (usage: tern start [--config FILE])");
            }
        }
        ServerConfig config = null;
        try {
            config = configFile == null ? DefaultConfig.load() : ConfigParser.parse(configFile);
        } catch (ConfigException e) {
            exit("configuration error: " + e.getMessage());
        }
        LogSetup.apply(config.logging());
        Server server = Server.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static void exit(String message) {
        System.err.println("tern: " + message);
        System.exit(1);
    }
}
