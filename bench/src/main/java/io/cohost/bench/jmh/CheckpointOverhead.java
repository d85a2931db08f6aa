package io.cohost.bench.jmh;

import io.cohost.governor.Governor;
import io.cohost.governor.GovernorSettings;
import io.cohost.governor.TenantControls;
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
 * The cost of the governor on tenant code: one workload, defined either as it is ({@code plain}) or
 * through the tenant transformation pipeline with a governor metering the benchmark's threads every
 * 20 ms, as the host meters a tenant ({@code governed}). Run by {@code bench/governor-overhead}, which
 * alternates the two sides; never by the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CheckpointOverhead {
    @Param({"TightLoop", "MatrixMultiply", "Recursion", "Megamorphic", "HashMapWork", "Allocation", "WhileLoop"})
    public String workload;

    @Param({"plain", "governed"})
    public String code;

    private LongSupplier supplier;
    private Governor governor;

    @Setup(Level.Trial)
    public void setUp() {
        boolean governed = code.equals("governed");
        supplier = (governed ? WorkloadLoader.governed() : WorkloadLoader.plain()).newWorkload(workload);
        if (governed) {
            governor = new Governor(GovernorSettings.standard(), new SimpleMeterRegistry());
            governor.start(r -> {
                Thread t = new Thread(r, "bench-governor");
                t.setDaemon(true);
                return t;
            });
            governor.register("bench", Thread.currentThread().getThreadGroup(), Quota.none(), new NoControls());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (governor != null) {
            governor.close();
        }
    }

    @Benchmark
    public long run() {
        return supplier.getAsLong();
    }

    /** The quota is unlimited, so the governor never needs to act; it only meters. */
    private static final class NoControls implements TenantControls {
        @Override
        public void setGuard(boolean raised) {
            throw new IllegalStateException("the benchmark's quota is unlimited; the guard should never be raised");
        }

        @Override
        public void kill(String reason) {
            throw new IllegalStateException("the benchmark's tenant should never be killed: " + reason);
        }

        @Override
        public void event(String type, String detail) {
            // quota events cannot happen with an unlimited quota; thread-count notes are irrelevant here
        }

        @Override
        public boolean isRequestWorker(Thread thread) {
            return true;
        }
    }
}
