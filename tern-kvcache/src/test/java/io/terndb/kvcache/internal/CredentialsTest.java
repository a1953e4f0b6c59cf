package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.kvcache.ChunkStoreConfig;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials are ignored with one warning that names the user but never the password. */
class CredentialsTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.terndb.kvcache");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord logged) {
            records.add(logged);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    private static ChunkStoreConfig.Builder config() {
        return ChunkStoreConfig.builder().environment(Map.of()).hosts("127.0.0.1:3000");
    }

    @Test
    void givenCredentialsAreIgnoredWithAWarningThatKeepsThePasswordOut() {
        Credentials.warnIfGiven(config().username("operator").password("s3cret").build());

        assertThat(records).hasSize(1);
        LogRecord warning = records.getFirst();
        assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
        String text = MessageFormat.format(warning.getMessage(), warning.getParameters());
        assertThat(text).contains("operator").contains("no access control").doesNotContain("s3cret");
    }

    @Test
    void noCredentialsNoWarning() {
        Credentials.warnIfGiven(config().build());

        assertThat(records).isEmpty();
    }
}
