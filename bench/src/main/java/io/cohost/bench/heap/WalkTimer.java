package io.cohost.bench.heap;

import io.cohost.bench.process.ChildServer;
import io.cohost.governor.HeapRoots;
import io.cohost.governor.heap.ObjectSizeModel;
import io.cohost.governor.heap.RetainedHeapWalker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One JVM's measurement for the heap-walk figure, run by {@code HeapWalkBenchmark} in a fresh JVM per
 * shape and size: builds one graph, measures how much the heap grew for it (used heap after a full GC,
 * before and after, as the reference the walk's estimate is compared with), then times
 * {@link RetainedHeapWalker} walking it, called as the governor calls it.
 *
 * <p>Usage: {@code WalkTimer SHAPE OBJECTS WARMUP WALKS [LIMIT_BYTES]}. Without a limit: WARMUP walks, then
 * WALKS timed walks of the whole graph. With one: first WARMUP + WALKS walks stopped at the limit by a fresh
 * walker (its identity table has only ever held what a stopped walk sees), then WARMUP whole walks, then
 * WALKS rounds of one whole walk and one stopped walk (the walker's table now sized for the whole graph, as
 * the governor's one walker is after the largest tenant it has walked). Prints one line
 * {@code bench> ok objects=N reference=BYTES walked=N bytes=BYTES complete=BOOL first-ms=MS walk-ms=MS,MS,...}
 * and, with a limit, {@code stop-bytes=BYTES stop-objects=N stop-fresh-ms=MS,... stop-ms=MS,...}.
 */
public final class WalkTimer {
    private WalkTimer() {}

    public static void main(String[] args) {
        GraphShape shape = GraphShape.byId(args[0]);
        long objects = Long.parseLong(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int walks = Integer.parseInt(args[3]);
        long limit = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;

        // the shape's code paths (string concatenation, collection growth) run once before the baseline,
        // so their one-off allocations are not counted as the graph's
        shape.build(20_000);
        long before = usedAfterGc();
        GraphShape.Graph graph = shape.build(objects);
        long reference = usedAfterGc() - before;
        // created after the reference is taken: its identity table is the walk's memory, not the graph's
        RetainedHeapWalker walker = new RetainedHeapWalker(ObjectSizeModel.ofThisVm());
        HeapRoots roots = new GraphRoots(graph.root());

        StringBuilder out = new StringBuilder().append("objects=").append(graph.objects()).append(" reference=").append(reference);
        List<Double> stopFresh = new ArrayList<>();
        List<Double> walkMs = new ArrayList<>();
        List<Double> stopMs = new ArrayList<>();
        Timed first = null;
        Timed stop = null;
        if (limit != Long.MAX_VALUE) {
            for (int i = 0; i < warmup + walks; i++) {
                stop = walk(walker, roots, limit);
                first = first == null ? stop : first;
                if (i >= warmup) {
                    stopFresh.add(stop.millis());
                }
            }
        }
        Timed whole = null;
        for (int i = 0; i < warmup; i++) {
            whole = walk(walker, roots, Long.MAX_VALUE);
            first = first == null ? whole : first;
        }
        for (int i = 0; i < walks; i++) {
            whole = walk(walker, roots, Long.MAX_VALUE);
            first = first == null ? whole : first;
            walkMs.add(whole.millis());
            if (limit != Long.MAX_VALUE) {
                stop = walk(walker, roots, limit);
                stopMs.add(stop.millis());
            }
        }
        RetainedHeapWalker.Result r = whole.result();
        out.append(" walked=").append(r.objects()).append(" bytes=").append(r.bytes()).append(" complete=").append(r.complete())
                .append(" first-ms=").append(format(first.millis())).append(" walk-ms=").append(join(walkMs));
        if (stop != null) {
            out.append(" stop-bytes=").append(stop.result().bytes()).append(" stop-objects=").append(stop.result().objects())
                    .append(" stop-complete=").append(stop.result().complete())
                    .append(" stop-fresh-ms=").append(join(stopFresh)).append(" stop-ms=").append(join(stopMs));
        }
        Reference.reachabilityFence(graph);
        System.out.println(ChildServer.REPLY + "ok " + out);
    }

    /** One walk and the time the calling thread spent in it, the walker's bookkeeping before and after included. */
    record Timed(RetainedHeapWalker.Result result, double millis) {}

    /**
     * Walks as {@code GovernedTenant.walk} does: the roots' own {@code forEachRoot} and {@code owns}, and a
     * memory quota passed as the quota plus one byte, no quota as {@code Long.MAX_VALUE}.
     */
    static Timed walk(RetainedHeapWalker walker, HeapRoots roots, long limit) {
        long start = System.nanoTime();
        RetainedHeapWalker.Result r = walker.walk(roots::forEachRoot, roots::owns, limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit + 1);
        return new Timed(r, (System.nanoTime() - start) / 1e6);
    }

    /** Used heap after full collections (G1 collects fully on {@code System.gc()}): the least of three, once cleaners have run. */
    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static String join(List<Double> millis) {
        return millis.stream().map(WalkTimer::format).collect(Collectors.joining(","));
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    /** The times a {@code walk-ms}-style value lists, in milliseconds. */
    public static List<Double> millis(String commaSeparated) {
        List<Double> values = new ArrayList<>();
        for (String v : commaSeparated.split(",")) {
            if (!v.isBlank()) {
                values.add(Double.parseDouble(v.trim()));
            }
        }
        return values;
    }
}
