package io.terndb.tools.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.tools.Tern;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bench command's parsing, key choice, throttle and phases, against an in-memory driver. */
class BenchRunTest {

    private static BenchSettings settings(String workload, boolean async, int keys, long operations, long throughput,
            int durationSeconds) {
        return new BenchSettings(BenchSettings.Driver.TERN, "127.0.0.1", 3000, "test", "s",
                BenchWorkload.parse(workload), keys, 10, 1, 100, BinType.BYTES, 4, async, 8, 1,
                Duration.ofSeconds(durationSeconds), operations, throughput, Duration.ZERO, 1);
    }

    private static BenchSummary run(BenchSettings settings, FakeDriver driver, StringWriter text) throws Exception {
        return new BenchRun(settings, new PrintWriter(text)).run(driver);
    }

    @Test
    void parsesWorkloads() {
        assertThat(BenchWorkload.parse("I")).isEqualTo(new BenchWorkload(true, 0));
        assertThat(BenchWorkload.parse("ru,90")).isEqualTo(new BenchWorkload(false, 90));
        assertThatThrownBy(() -> BenchWorkload.parse("RU,x")).hasMessageContaining("workload=RU,x");
        assertThatThrownBy(() -> BenchWorkload.parse("RU,101")).hasMessageContaining("read percent=101");
        assertThatThrownBy(() -> BenchWorkload.parse("X")).hasMessageContaining("use I or RU");
    }

    @Test
    void insertChoosesEveryKeyOnceThenStops() {
        KeyChooser chooser = new KeyChooser(settings("I", false, 5, 0, 0, 1), 0);
        SplittableRandom random = new SplittableRandom(1);
        for (long key = 0; key < 5; key++) {
            assertThat(chooser.next(random)).isEqualTo(key | KeyChooser.UPDATE);
        }
        assertThat(chooser.next(random)).isEqualTo(-1);
    }

    @Test
    void readUpdateMixFollowsTheReadShare() {
        KeyChooser chooser = new KeyChooser(settings("RU,80", false, 1000, 0, 0, 1), 0);
        SplittableRandom random = new SplittableRandom(1);
        int reads = 0;
        for (int i = 0; i < 10_000; i++) {
            long operation = chooser.next(random);
            assertThat(operation & 0xFFFF_FFFFL).isLessThan(1000);
            reads += (operation & KeyChooser.UPDATE) == 0 ? 1 : 0;
        }
        assertThat(reads).isBetween(7_700, 8_300);
    }

    @Test
    void syncInsertWritesEveryKeyAndSummarizes() throws Exception {
        FakeDriver driver = new FakeDriver();
        StringWriter text = new StringWriter();

        BenchSummary summary = run(settings("I", false, 2_000, 0, 0, 30), driver, text);

        assertThat(driver.written).hasSize(2_000);
        assertThat(summary.operations()).isEqualTo(2_000);
        assertThat(summary.errors()).isZero();
        summary.print(new PrintWriter(text), driver.description());
        assertThat(text.toString()).contains("client CPU:").contains("result driver=tern mode=sync workload=I");
    }

    @Test
    void insertIsMeasuredWholeWithoutWarmup() throws Exception {
        BenchSettings withWarmup = new BenchSettings(BenchSettings.Driver.TERN, "127.0.0.1", 3000, "test", "s",
                BenchWorkload.parse("I"), 500, 0, 1, 10, BinType.INTEGER, 2, false, 8, 1, Duration.ofSeconds(30), 0,
                0, Duration.ofSeconds(5), 1);
        FakeDriver driver = new FakeDriver();

        BenchSummary summary = run(withWarmup, driver, new StringWriter());

        assertThat(withWarmup.hasWarmup()).isFalse();
        assertThat(summary.operations()).isEqualTo(500);
    }

    @Test
    void asyncRunStopsAfterTheOperationBudget() throws Exception {
        FakeDriver driver = new FakeDriver();

        BenchSummary summary = run(settings("RU,50", true, 100, 5_000, 0, 0), driver, new StringWriter());

        assertThat(summary.operations()).isEqualTo(5_000);
        assertThat(driver.puts.get() + driver.gets.get()).isEqualTo(5_000);
        driver.close();
    }

    @Test
    void throughputCapHoldsTheRateAndPrintsALinePerSecond() throws Exception {
        FakeDriver driver = new FakeDriver();
        StringWriter text = new StringWriter();

        BenchSummary summary = run(settings("RU,50", false, 100, 0, 500, 2), driver, text);

        assertThat(summary.opsPerSecond()).isBetween(350.0, 650.0);
        assertThat(text.toString().lines().filter(line -> line.contains("ops/s")).count()).isBetween(2L, 3L);
    }

    @Test
    void throttledAsyncRunCompletes() throws Exception {
        FakeDriver driver = new FakeDriver();

        BenchSummary summary = run(settings("RU,50", true, 100, 300, 1_000, 0), driver, new StringWriter());

        assertThat(summary.operations()).isEqualTo(300);
        driver.close();
    }

    @Test
    void failuresAreCountedNotTimed() throws Exception {
        FakeDriver driver = new FakeDriver();
        driver.failing = true;

        BenchSummary summary = run(settings("RU,50", true, 100, 1_000, 0, 0), driver, new StringWriter());

        assertThat(summary.errors()).isEqualTo(1_000);
        assertThat(summary.operations()).isZero();
        assertThat(summary.firstError()).contains("fake failure");
        driver.close();
    }

    @Test
    void commandLineRejectsBadArgumentsNamingThem() {
        StringWriter err = new StringWriter();
        int code = Tern.commandLine().setErr(new PrintWriter(err)).execute("bench", "--keys", "0");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("keys=0");
    }
}
