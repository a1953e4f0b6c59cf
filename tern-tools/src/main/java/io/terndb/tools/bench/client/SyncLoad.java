package io.terndb.tools.bench.client;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** {@code threads} platform threads, each issuing one blocking operation after another. */
final class SyncLoad implements Load {

    private final BenchSettings settings;
    private final ClientDriver driver;
    private final KeyChooser chooser;
    private final BenchStats stats;
    private final Throttle throttle;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    SyncLoad(BenchSettings settings, ClientDriver driver, KeyChooser chooser, BenchStats stats, Throttle throttle) {
        this.settings = settings;
        this.driver = driver;
        this.chooser = chooser;
        this.stats = stats;
        this.throttle = throttle;
    }

    @Override
    public void start() {
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        for (int i = 0; i < settings.threads(); i++) {
            SplittableRandom random = seeds.split();
            threads.add(Thread.ofPlatform().name("bench-" + i).start(() -> run(random)));
        }
    }

    private void run(SplittableRandom random) {
        while (!stop) {
            try {
                throttle.acquire();
            } catch (InterruptedException e) {
                return;
            }
            long operation = chooser.next(random);
            if (operation < 0) {
                return;
            }
            int key = (int) (operation & 0xFFFF_FFFFL);
            long startNs = System.nanoTime();
            try {
                if ((operation & KeyChooser.UPDATE) != 0) {
                    driver.put(key);
                } else if (!driver.get(key)) {
                    stats.miss();
                }
                stats.completed(System.nanoTime() - startNs);
            } catch (RuntimeException e) {
                stats.error(e);
            }
        }
    }

    @Override
    public boolean isDone() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void stopAndAwait() throws InterruptedException {
        stop = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
