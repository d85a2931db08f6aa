package io.cohost.bench.jmh;

import io.cohost.governor.Governor;
import io.cohost.governor.GovernorSettings;
import io.cohost.governor.quota.Quota;
import io.cohost.isolation.checkpoint.GuardSwitch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of checkpoints on tenant code, both sides loaded at the same instant: one workload, defined
 * twice from the same bytes, as it is ({@link #plain}) and through the tenant transformation pipeline
 * ({@link #governed}), each run by its own thread of one JMH group, so both see the same machine at the
 * same moment. A {@link Governor} meters the benchmark's threads every 20 ms (CPU, allocation), as the host meters a tenant;
 * its sampler thread disturbs both sides alike. Run by {@code bench/governor-overhead}; never by the build.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CheckpointOverhead {
    public static final String GROUP = "sideBySide";

    @Param({"TightLoop", "MatrixMultiply", "Recursion", "Megamorphic", "HashMapWork", "Allocation", "WhileLoop"})
    public String workload;

    /**
     * {@code open}: the guard was never raised, as for a tenant within its quota (checkpoints compile to
     * nothing). {@code closed}: raised once and lowered, as for a tenant throttled or with a request
     * stopped in the last {@link GuardSwitch#REOPEN_AFTER} (checkpoints read the guard's volatile state).
     */
    @Param({"open", "closed"})
    public String gate;

    private LongSupplier plainWorkload;
    private LongSupplier governedWorkload;
    private Governor governor;

    @Setup(Level.Trial)
    public void setUp() {
        plainWorkload = WorkloadLoader.plain().newWorkload(workload);
        WorkloadLoader governedLoader = WorkloadLoader.governed();
        governedWorkload = governedLoader.newWorkload(workload);
        governor = new Governor(GovernorSettings.standard(), new SimpleMeterRegistry());
        governor.start(r -> {
            Thread t = new Thread(r, "bench-governor");
            t.setDaemon(true);
            return t;
        });
        GuardSwitch guard = governedLoader.guardSwitch();
        if (gate.equals("closed")) {
            guard.set(GuardSwitch.CHECK);
            guard.set(GuardSwitch.CLEAR);
        }
        governor.register("bench", Thread.currentThread().getThreadGroup(), Quota.none(),
                new BenchTenantControls(raised -> guard.set(raised ? GuardSwitch.CHECK : GuardSwitch.CLEAR)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        governor.close();
    }

    @Benchmark
    @Group(GROUP)
    @GroupThreads(1)
    public long plain() {
        return plainWorkload.getAsLong();
    }

    @Benchmark
    @Group(GROUP)
    @GroupThreads(1)
    public long governed() {
        return governedWorkload.getAsLong();
    }
}
