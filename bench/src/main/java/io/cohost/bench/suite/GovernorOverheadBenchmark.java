package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.jmh.CheckpointOverhead;
import io.cohost.bench.jmh.MeteringOverhead;
import io.cohost.bench.jmh.WorkloadLoader;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import io.cohost.isolation.checkpoint.GuardSwitch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Figure 4, governor overhead on tenant code: JMH ({@link CheckpointOverhead}), each workload plain vs
 * governed (checkpoints from the tenant pipeline, plus CPU metering), one fork per side, the two sides
 * alternating in every round.
 */
public final class GovernorOverheadBenchmark implements Benchmark {
    static final List<String> GATES = List.of("open", "closed");
    static final List<String> WORKLOADS = List.of("TightLoop", "MatrixMultiply", "Recursion", "Megamorphic", "HashMapWork",
            "Allocation", "WhileLoop");
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "TightLoop", "sum of a 4,096-int array (counted loop)",
            "MatrixMultiply", "64×64 double matrix multiply",
            "Recursion", "recursive fib(20)",
            "Megamorphic", "interface calls over 4 implementations",
            "HashMapWork", "HashMap<String,Integer>: 1,024 puts and gets",
            "Allocation", "1,000 small records and strings into a list (allocation-heavy)",
            "WhileLoop", "Collatz steps for 1..300 (while loop, unknown trip count)");

    @Override
    public String id() {
        return "governor-overhead";
    }

    @Override
    public String title() {
        return "4. Governor overhead on tenant code";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int rounds = ctx.runs(3);
        Map<String, Map<String, List<Double>>> plain = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> governed = new LinkedHashMap<>();
        for (String gate : GATES) {
            plain.put(gate, new LinkedHashMap<>());
            governed.put(gate, new LinkedHashMap<>());
            WORKLOADS.forEach(w -> {
                plain.get(gate).put(w, new ArrayList<>());
                governed.get(gate).put(w, new ArrayList<>());
            });
        }
        for (int r = 0; r < rounds; r++) {
            for (String gate : GATES) {
                for (String w : WORKLOADS) {
                    RunResult result = new Runner(options(ctx, w, gate)).runSingle();
                    List<Double> p = plain.get(gate).get(w);
                    List<Double> g = governed.get(gate).get(w);
                    p.add(result.getSecondaryResults().get("plain").getScore());
                    g.add(result.getSecondaryResults().get("governed").getScore());
                    ctx.log("governor overhead: round " + (r + 1) + " gate " + gate + " " + w + ": plain " + Fmt.num(last(p), 1)
                            + " ns, governed " + Fmt.num(last(g), 1) + " ns");
                }
            }
        }
        Map<String, List<Double>> metering = new LinkedHashMap<>(Map.of("off", new ArrayList<>(), "on", new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            // alternating which side goes first: the two cannot share an instant, one governor meters a whole JVM
            for (String side : r % 2 == 0 ? List.of("off", "on") : List.of("on", "off")) {
                RunResult result = new Runner(meteringOptions(ctx, side)).runSingle();
                metering.get(side).add(result.getPrimaryResult().getScore());
                ctx.log("governor overhead: round " + (r + 1) + " metering " + side + ": " + Fmt.num(last(metering.get(side)), 1) + " ns");
            }
        }
        Section s = report(ctx, rounds, plain, governed);
        List<Double> ratio = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ratio.add(metering.get("on").get(r) / metering.get("off").get(r));
        }
        s.text("""
                **Metering alone** (`io.cohost.bench.jmh.MeteringOverhead`): the uninstrumented Allocation workload with a
                `Governor` metering its thread every 20 ms (CPU time and allocated bytes, read by the governor's thread from
                the JVM's per-thread counters), against no governor at all. Metering adds no code to the tenant's path; what
                remains is the sampler's interference. The two sides cannot run at the same instant (one governor meters the
                whole JVM's group), so they run in separate forks, alternating which goes first; the ratio is taken per round.
                """);
        Table m = new Table("Allocation workload", "no governor (ns/call)", "metered (ns/call)", "metered ÷ no governor");
        m.row("plain classes, " + rounds + " rounds", Fmt.spread(Stats.of(metering.get("off")), 1), Fmt.spread(Stats.of(metering.get("on")), 1),
                Fmt.ratio(Stats.of(ratio)));
        s.table(m);
        return s;
    }

    private static double last(List<Double> l) {
        return l.get(l.size() - 1);
    }

    private static Options options(BenchContext ctx, String workload, String gate) {
        OptionsBuilder b = new OptionsBuilder();
        b.include(CheckpointOverhead.class.getName() + "." + CheckpointOverhead.GROUP + "$").param("workload", workload).param("gate", gate);
        return tuned(ctx, b);
    }

    private static Options meteringOptions(BenchContext ctx, String side) {
        return options(ctx, MeteringOverhead.class.getName() + ".allocation$", "metering", side);
    }

    private static Options options(BenchContext ctx, String include, String param, String value) {
        OptionsBuilder b = new OptionsBuilder();
        b.include(include).param(param, value);
        return tuned(ctx, b);
    }

    private static Options tuned(BenchContext ctx, OptionsBuilder b) {
        b.shouldFailOnError(true).verbosity(VerboseMode.SILENT);
        if (ctx.quick()) {
            b.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            b.forks(1).jvmArgs("-Xms1g", "-Xmx1g").warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        return b.build();
    }

    private Section report(BenchContext ctx, int rounds, Map<String, Map<String, List<Double>>> plain,
            Map<String, Map<String, List<Double>>> governed) {
        Section s = new Section(id(), title());
        s.text("""
                JMH (`io.cohost.bench.jmh.CheckpointOverhead`, average time per call). Each workload's classes are defined
                twice from the same bytes, each time in a class loader of their own: **plain** (an empty pipeline) and
                **governed** (the pipeline every tenant class goes through, `TenantInstanceFactory.pipeline`: %s,
                with a guard class defined from `GuardClass.bytes()`). The
                two sides are **loaded at the same instant**: one JMH group with one thread per side, so on this 2-core
                machine each has a core and both see the same interference. A `Governor` meters the benchmark's threads
                every 20 ms (CPU and allocation) as the host meters a tenant; its sampler thread disturbs both sides alike, so the ratio is the
                checkpoints' cost on the tenant's own thread (the sampler's CPU is a host cost, not the tenant's).
                One fork per workload, gate and round (`-Xms1g -Xmx1g`), %s; %d rounds. The ratio is governed ÷ plain per
                round; the count of checkpoints is read from the governed class files to show they are there.

                Every checkpoint invokes the tenant's gate, a call site the JIT treats as a constant. Two states are measured:
                - **gate open**, the state of every tenant the governor has not had to act on: the gate's target does nothing,
                  so compiled checkpoints are empty. This is the steady-state cost.
                - **gate closed**, the state of a tenant that was throttled, had a request stopped or was paused for a heap
                  walk in the last %d s (the guard raised once, then lowered): each checkpoint reads the guard's volatile
                  `state`, as every checkpoint did before the gate existed.
                """.formatted(WorkloadLoader.tenantPipeline().steps().stream().map(c -> "`" + c.getClass().getSimpleName() + "`")
                        .collect(java.util.stream.Collectors.joining(", ")),
                        ctx.quick() ? "quick mode: in-process, one 100 ms iteration" : "3 × 1 s warm-up, 5 × 1 s measurement", rounds,
                        GuardSwitch.REOPEN_AFTER.toSeconds()));
        Map<String, Stats> perGate = new LinkedHashMap<>();
        Map<String, String> worstByGate = new LinkedHashMap<>();
        Map<String, Long> overTargetByGate = new LinkedHashMap<>();
        for (String gate : GATES) {
            Table t = new Table("gate " + gate + ": workload", "what it does", "checkpoints injected", "plain (ns/call)", "governed (ns/call)",
                    "governed ÷ plain");
            List<Double> medians = new ArrayList<>();
            for (String w : WORKLOADS) {
                List<Double> p = plain.get(gate).get(w);
                List<Double> g = governed.get(gate).get(w);
                List<Double> ratios = new ArrayList<>();
                for (int r = 0; r < p.size(); r++) {
                    ratios.add(g.get(r) / p.get(r));
                }
                Stats rs = Stats.of(ratios);
                medians.add(rs.median());
                t.row(w, DESCRIPTIONS.get(w), Integer.toString(WorkloadLoader.governed().checkpoints(w)), Fmt.spread(Stats.of(p), 1),
                        Fmt.spread(Stats.of(g), 1), Fmt.ratio(rs));
            }
            Stats perWorkload = Stats.of(medians);
            t.row("**geometric mean**", "", "", "", "", Fmt.num(perWorkload.geometricMean(), 3) + "×");
            s.table(t);
            perGate.put(gate, perWorkload);
            worstByGate.put(gate, WORKLOADS.get(medians.indexOf(perWorkload.max())));
            overTargetByGate.put(gate, medians.stream().filter(m -> m > 1.05).count());
        }
        s.text("""
                The governor's metering (CPU and allocated bytes per thread, read by its sampler) runs beside both sides.
                File-handle accounting is not part of this figure: the workloads open no files or sockets, and the descriptor
                agent hooks the JDK's descriptor-owning classes, not tenant code, so its cost is paid per open and close; figure 8
                (`bench/fd-accounting`) measures it, with the agent vs without.

                Read the worst case, not the mean. A ratio below 1 does not mean checkpoints are free: the governed code
                is different bytecode, and C2 compiles some of it differently (loop shapes, inlining); during development
                Megamorphic's governed side was also faster when the two sides ran in separate forks one after the other.
                Closing a gate deoptimises the tenant's compiled code once; the stop latency in figure 6 includes it.
                """);
        Stats open = perGate.get("open");
        Stats closed = perGate.get("closed");
        s.headline("Checkpoint overhead on tenant code (JMH, 7 workloads)", "gate open (steady state): worst " + worstByGate.get("open") + " "
                + pct(open.max()) + ", " + overTargetByGate.get("open") + " of 7 above +5 %, geometric mean " + Fmt.num(open.geometricMean(), 2)
                + "×; gate closed (" + GuardSwitch.REOPEN_AFTER.toSeconds() + " s after a throttle or stop): worst " + worstByGate.get("closed") + " "
                + pct(closed.max()) + ", geometric mean " + Fmt.num(closed.geometricMean(), 2) + "×", "≤ 5 %, aim ≤ 2 %");
        return s;
    }

    private static String pct(double ratio) {
        return (ratio >= 1 ? "+" : "") + Fmt.num((ratio - 1) * 100, 1) + " %";
    }
}
