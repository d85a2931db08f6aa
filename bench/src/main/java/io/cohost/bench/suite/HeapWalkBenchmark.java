package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.heap.GraphShape;
import io.cohost.bench.heap.WalkTimer;
import io.cohost.bench.process.OneShotJvm;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Figure 9, heap walk cost: how long the governor's {@code RetainedHeapWalker} takes per million objects
 * on tenant-like graphs of 1, 4 and 16 million objects, how close its estimate is to what the graph
 * really takes, and how soon a walk stops once it has seen more than a memory quota. Each graph is built
 * and walked by {@link WalkTimer} in a fresh JVM with the server JVMs' flags, so one measurement's heap,
 * identity hashes and walker table never carry into the next.
 */
public final class HeapWalkBenchmark implements Benchmark {
    static final long MILLION = 1_000_000L;
    static final long MIB = 1L << 20;

    /** What one {@link WalkTimer} JVM reported; the stop fields are empty unless it was given a limit. */
    record Measured(long objects, long reference, long walked, long bytes, boolean complete, double firstMs, List<Double> walkMs,
            long stopBytes, long stopObjects, boolean stopComplete, List<Double> stopFreshMs, List<Double> stopMs) {

        static Measured of(Map<String, String> r) {
            boolean stopped = r.containsKey("stop-ms");
            return new Measured(Long.parseLong(r.get("objects")), Long.parseLong(r.get("reference")), Long.parseLong(r.get("walked")),
                    Long.parseLong(r.get("bytes")), Boolean.parseBoolean(r.get("complete")), Double.parseDouble(r.get("first-ms")),
                    WalkTimer.millis(r.get("walk-ms")), stopped ? Long.parseLong(r.get("stop-bytes")) : 0,
                    stopped ? Long.parseLong(r.get("stop-objects")) : 0, stopped && Boolean.parseBoolean(r.get("stop-complete")),
                    stopped ? WalkTimer.millis(r.get("stop-fresh-ms")) : List.of(), stopped ? WalkTimer.millis(r.get("stop-ms")) : List.of());
        }

        /** Milliseconds per million objects walked, one value per timed walk (numerically the nanoseconds per object). */
        Stats msPerMillion() {
            return Stats.of(walkMs.stream().map(ms -> ms / (walked / (double) MILLION)).toList());
        }

        /** The walk's estimate ÷ the heap's growth after a full GC when the graph was built. */
        double accuracy() {
            return bytes / (double) reference;
        }

        /** A stopped walk's time ÷ the whole walk's, per round (the two walks of a round ran back to back). */
        Stats stopOverWhole() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(walkMs.size(), stopMs.size()); i++) {
                ratios.add(stopMs.get(i) / walkMs.get(i));
            }
            return Stats.of(ratios);
        }
    }

    @Override
    public String id() {
        return "heap-walk";
    }

    @Override
    public String title() {
        return "9. Heap walk cost";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        List<Long> sizes = ctx.pick(List.of(MILLION, 4 * MILLION, 16 * MILLION), List.of(MILLION, 4 * MILLION));
        int warmup = ctx.pick(2, 1);
        int walks = ctx.pick(5, 3);
        long graphBytes = ctx.pick(256 * MIB, 64 * MIB);
        long limit = graphBytes / 4;
        Map<Long, Map<GraphShape, Measured>> cost = new LinkedHashMap<>();
        for (long size : sizes) {
            Map<GraphShape, Measured> perShape = new EnumMap<>(GraphShape.class);
            for (GraphShape shape : GraphShape.values()) {
                Measured m = measure(ctx, "walk-" + shape.id() + "-" + size / MILLION + "m", shape, size, warmup, walks, Long.MAX_VALUE);
                perShape.put(shape, m);
                ctx.log("heap walk: " + shape.id() + ", " + Fmt.num(m.walked(), 0) + " objects: " + Fmt.spread(m.msPerMillion(), 1)
                        + " ms per million, estimate " + Fmt.num(Fmt.mib(m.bytes()), 1) + " MiB vs heap growth "
                        + Fmt.num(Fmt.mib(m.reference()), 1) + " MiB");
            }
            cost.put(size, perShape);
        }
        Map<GraphShape, Measured> stops = new EnumMap<>(GraphShape.class);
        for (GraphShape shape : GraphShape.values()) {
            // sized from the smallest graph's estimate per object, so the walk estimates about graphBytes
            Measured small = cost.get(sizes.get(0)).get(shape);
            long objects = Math.round(graphBytes / (small.bytes() / (double) small.walked()));
            Measured m = measure(ctx, "stop-" + shape.id(), shape, objects, warmup, walks, limit);
            stops.put(shape, m);
            ctx.log("heap walk: " + shape.id() + " stopped at " + Fmt.num(Fmt.mib(limit), 0) + " MiB of " + Fmt.num(Fmt.mib(m.bytes()), 0)
                    + " MiB: " + Fmt.spread(Stats.of(m.stopFreshMs()), 1) + " ms fresh, " + Fmt.spread(Stats.of(m.stopMs()), 1)
                    + " ms after whole walks of " + Fmt.spread(Stats.of(m.walkMs()), 1) + " ms");
        }
        return report(warmup, walks, limit, cost, stops);
    }

    private static Measured measure(BenchContext ctx, String name, GraphShape shape, long objects, int warmup, int walks, long limit)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(shape.id(), Long.toString(objects), Integer.toString(warmup), Integer.toString(walks)));
        if (limit != Long.MAX_VALUE) {
            args.add(Long.toString(limit));
        }
        Measured m = Measured.of(OneShotJvm.run(name, ServerJvm.command(OptionalInt.empty(), WalkTimer.class, args), ctx.logs(),
                Duration.ofMinutes(10)));
        if (!m.complete()) {
            throw new IllegalStateException(name + ": a walk without a limit did not complete");
        }
        return m;
    }

    private Section report(int warmup, int walks, long limit, Map<Long, Map<GraphShape, Measured>> cost, Map<GraphShape, Measured> stops) {
        Section s = new Section(id(), title());
        StringBuilder shapes = new StringBuilder();
        for (GraphShape shape : GraphShape.values()) {
            shapes.append("**").append(shape.id()).append("**: ").append(shape.description()).append(". ");
        }
        s.text("""
                What the heap governor's retained-heap walk costs: `RetainedHeapWalker` walking one tenant-like graph,
                called as the governor calls it (`walk(roots::forEachRoot, roots::owns, limit)` on the one walker the
                governor keeps, its `owns` accepting the JDK's classes and the benchmark's own as the kernel's
                `TenantHeapRoots` accepts the JDK's and the tenant's). Each shape and size is built and walked in a
                fresh JVM (`io.cohost.bench.heap.WalkTimer`) with the server JVMs' flags, `%s`. Shapes: %s
                Each JVM walks the graph %d time(s) to warm up, then %d timed walks; a walk's time is the calling
                thread's, clearing the walker's identity table before and after included. "First walk" is the
                JVM's first (the identity hashes of every object made, the walker's table grown), part of the
                warm-up. The estimate is compared with the heap's growth when the graph was built: used heap after
                full GCs (`System.gc()`, G1) before and after building it.
                """.formatted(ServerJvm.flags(), shapes.toString().strip(), warmup, walks));
        Table t = new Table("graph", "shape", "objects walked", "walk (ms)", "ms per million objects (= ns per object)",
                "first walk (ms)", "estimate (MiB)", "heap growth (MiB)", "estimate ÷ growth");
        for (Map.Entry<Long, Map<GraphShape, Measured>> size : cost.entrySet()) {
            for (Map.Entry<GraphShape, Measured> e : size.getValue().entrySet()) {
                Measured m = e.getValue();
                String walked = Fmt.num(m.walked(), 0) + (m.walked() == m.objects() ? "" : " (built " + Fmt.num(m.objects(), 0) + ")");
                t.row(size.getKey() / MILLION + " M", "`" + e.getKey().id() + "`", walked, Fmt.spread(Stats.of(m.walkMs()), 1),
                        Fmt.spread(m.msPerMillion(), 1), Fmt.num(m.firstMs(), 1), Fmt.num(Fmt.mib(m.bytes()), 1),
                        Fmt.num(Fmt.mib(m.reference()), 1), Fmt.num(m.accuracy(), 3) + "×");
            }
        }
        s.table(t);
        s.text("""
                **Stopping at a quota.** The same walk with a memory quota of %s MiB on a graph of about %s MiB (its
                size in objects taken from the smallest graph's estimate per object): %d stopped walks by a fresh
                walker, whose identity table has only held what a stopped walk sees; then %d round(s) of one whole
                walk and one stopped walk, back to back, after the whole walk has grown the walker's table (as the
                governor's one walker is after the largest tenant it has walked). "Stopped ÷ whole" is taken within
                each round.
                """.formatted(Fmt.num(Fmt.mib(limit), 0), Fmt.num(Fmt.mib(limit * 4), 0), walks, walks));
        Table st = new Table("shape", "graph (objects)", "estimate (MiB)", "whole walk (ms)", "stopped, fresh walker (ms)",
                "stopped, after whole walks (ms)", "seen when stopped (MiB)", "objects when stopped", "stopped ÷ whole");
        for (Map.Entry<GraphShape, Measured> e : stops.entrySet()) {
            Measured m = e.getValue();
            st.row("`" + e.getKey().id() + "`", Fmt.num(m.walked(), 0), Fmt.num(Fmt.mib(m.bytes()), 1), Fmt.spread(Stats.of(m.walkMs()), 1),
                    Fmt.spread(Stats.of(m.stopFreshMs()), 1), Fmt.spread(Stats.of(m.stopMs()), 1), Fmt.num(Fmt.mib(m.stopBytes()), 1),
                    Fmt.num(m.stopObjects(), 0), Fmt.ratio(m.stopOverWhole()));
        }
        s.table(st);
        long largest = cost.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        StringBuilder perMillion = new StringBuilder();
        double minAccuracy = Double.MAX_VALUE;
        double maxAccuracy = 0;
        for (Map.Entry<GraphShape, Measured> e : cost.get(largest).entrySet()) {
            perMillion.append(perMillion.length() == 0 ? "" : ", ").append(e.getKey().id()).append(' ')
                    .append(Fmt.spread(e.getValue().msPerMillion(), 1));
        }
        for (Map<GraphShape, Measured> perShape : cost.values()) {
            for (Measured m : perShape.values()) {
                minAccuracy = Math.min(minAccuracy, m.accuracy());
                maxAccuracy = Math.max(maxAccuracy, m.accuracy());
            }
        }
        List<Double> stopRatios = new ArrayList<>();
        stops.values().forEach(m -> stopRatios.add(m.stopOverWhole().median()));
        Stats stopRatio = Stats.of(stopRatios);
        s.headline("Heap walk cost (`RetainedHeapWalker`, ms per million objects)",
                "at " + largest / MILLION + " M objects: " + perMillion + " ms per million objects; estimate ÷ heap growth "
                        + Fmt.num(minAccuracy, 2) + "–" + Fmt.num(maxAccuracy, 2) + "×; with a " + Fmt.num(Fmt.mib(limit), 0)
                        + " MiB quota on a " + Fmt.num(Fmt.mib(limit * 4), 0) + " MiB graph it stops in "
                        + Fmt.num(stopRatio.min(), 2) + "–" + Fmt.num(stopRatio.max(), 2) + "× a whole walk's time",
                "no target set: the figure the heap governor's issue asks for (cost of the walk per million objects)");
        return s;
    }
}
