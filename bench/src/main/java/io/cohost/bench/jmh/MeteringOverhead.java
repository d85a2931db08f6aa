package io.cohost.bench.jmh;

import io.cohost.governor.Governor;
import io.cohost.governor.GovernorSettings;
import io.cohost.governor.quota.Quota;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of metering alone on an allocation-heavy tenant: the uninstrumented Allocation workload with a
 * {@link Governor} metering its thread every 20 ms (CPU time and allocated bytes, read from the JVM's
 * per-thread counters by the governor's own thread) or with no governor at all. Metering adds no code
 * to the tenant's path, so what this shows is the sampler's interference. Run by {@code bench/governor-overhead}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MeteringOverhead {
    @Param({"off", "on"})
    public String metering;

    private LongSupplier workload;
    private Governor governor;

    @Setup(Level.Trial)
    public void setUp() {
        workload = WorkloadLoader.plain().newWorkload("Allocation");
        if (metering.equals("on")) {
            governor = new Governor(GovernorSettings.standard(), new SimpleMeterRegistry());
            governor.start(r -> {
                Thread t = new Thread(r, "bench-governor");
                t.setDaemon(true);
                return t;
            });
            // the workload's classes are not instrumented: there is no guard to raise
            governor.register("bench", Thread.currentThread().getThreadGroup(), Quota.none(), new BenchTenantControls(raised -> { }));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (governor != null) {
            governor.close();
        }
    }

    @Benchmark
    public long allocation() {
        return workload.getAsLong();
    }
}
