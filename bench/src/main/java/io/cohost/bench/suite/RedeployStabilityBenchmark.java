package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.client.HttpProbe;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Figure 7, redeploy stability: metaspace, heap after GC, loaded classes and leaked class loaders
 * across hundreds of redeploys of hello into one host, each redeploy answering 200 before the next.
 */
public final class RedeployStabilityBenchmark implements Benchmark {
    private record Sample(double heapMib, double metaspaceMib, double classes, double leaks) {}

    @Override
    public String id() {
        return "redeploy";
    }

    @Override
    public String title() {
        return "7. Redeploy stability";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int redeploys = ctx.pick(1000, 20);
        int step = ctx.pick(100, 10);
        int runs = ctx.runs(3);
        Path hello = ctx.wars().sample("hello");
        List<Map<Integer, Sample>> all = new ArrayList<>();
        List<Double> perRedeployMs = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Map<Integer, Sample> samples = new LinkedHashMap<>();
            try (ChildServer host = Servers.cohost(ctx, "redeploy-" + r, OptionalInt.empty())) {
                host.send("deploy hello " + hello);
                HttpProbe.awaitOk(host.port(), "/hello/", Duration.ofSeconds(30), Duration.ofMillis(5));
                samples.put(0, sample(host));
                long start = System.nanoTime();
                for (int i = 1; i <= redeploys; i++) {
                    host.send("deploy hello " + hello);
                    if (HttpProbe.status(host.port(), "/hello/") != 200) {
                        throw new IllegalStateException("hello did not answer 200 after redeploy " + i);
                    }
                    if (i % step == 0) {
                        long paused = System.nanoTime();
                        samples.put(i, sample(host));
                        start += System.nanoTime() - paused;
                    }
                }
                perRedeployMs.add((System.nanoTime() - start) / 1e6 / redeploys);
            }
            all.add(samples);
            ctx.log("redeploy: run " + (r + 1) + "/" + runs + ": " + samples);
        }
        return report(ctx, redeploys, step, runs, all, perRedeployMs);
    }

    private static Sample sample(ChildServer host) {
        Map<String, String> gc = host.send("gc");
        int leaks = Integer.parseInt(host.send("leaks").get("leaks"));
        return new Sample(Fmt.mib(Long.parseLong(gc.get("heapUsed"))), Fmt.mib(Long.parseLong(gc.get("metaspaceUsed"))),
                Double.parseDouble(gc.get("classesLoaded")), leaks);
    }

    private Section report(BenchContext ctx, int redeploys, int step, int runs, List<Map<Integer, Sample>> all, List<Double> perRedeployMs) {
        Section s = new Section(id(), title());
        s.text("""
                One Cohost host (own JVM, flags `%s -javaagent:descriptor-agent.jar`) with `hello` deployed, then redeployed %d times with the same WAR
                through the Java API (`host.management().deploy`, as `PUT /api/apps/hello` does); after each redeploy
                the new version must answer 200 before the next starts. Every %d redeploys: full GCs, then heap in use,
                metaspace in use and loaded classes from the JVM's MXBeans, and the stopped versions whose class loaders
                survived (`host.management().leaks()`, what `GET /api/leaks` reports). %d runs, each in a fresh host JVM.
                """.formatted(ServerJvm.flags(), redeploys, step, runs));
        Table t = new Table("after redeploys", "heap after GC (MiB)", "metaspace (MiB)", "classes loaded", "leaked class loaders");
        for (int i : all.get(0).keySet()) {
            t.row(Integer.toString(i), spread(all, i, Sample::heapMib, 1), spread(all, i, Sample::metaspaceMib, 2),
                    spread(all, i, Sample::classes, 0), spread(all, i, Sample::leaks, 0));
        }
        s.table(t);
        int from = Math.min(step, redeploys);
        // the late part (from the last sample at or before two thirds): once the JIT's profiling data for the host's
        // deploy path, kept in metaspace, has stopped growing
        int lateFrom = all.get(0).keySet().stream().filter(i -> i >= from && i <= redeploys * 2 / 3).max(Integer::compare).orElse(from);
        List<Double> heapGrowth = growth(all, from, redeploys, Sample::heapMib);
        List<Double> metaGrowth = growth(all, from, redeploys, Sample::metaspaceMib);
        List<Double> lateHeapGrowth = growth(all, lateFrom, redeploys, Sample::heapMib);
        List<Double> lateMetaGrowth = growth(all, lateFrom, redeploys, Sample::metaspaceMib);
        Table g = new Table("growth per redeploy (KiB)", "redeploy " + from + " → " + redeploys, "redeploy " + lateFrom + " → " + redeploys);
        g.row("heap after GC", Fmt.spread(Stats.of(heapGrowth), 2), Fmt.spread(Stats.of(lateHeapGrowth), 2));
        g.row("metaspace", Fmt.spread(Stats.of(metaGrowth), 2), Fmt.spread(Stats.of(lateMetaGrowth), 2));
        s.table(g);
        s.text("Metaspace grows while the JIT is still profiling more of the host's own deploy path (the growth is in the host's"
                + " and the JDK's class loaders, whose class counts stay flat, not in tenant loaders); it levels off, so the last"
                + " part's slope is the one that says whether redeploys leak. Time per redeploy, including the first 200: "
                + Fmt.spread(Stats.of(perRedeployMs), 1) + " ms.");
        s.headline("Redeploy stability (" + redeploys + " redeploys of hello)", "per redeploy after GC, redeploys " + lateFrom + " → " + redeploys + ": metaspace "
                + Fmt.spread(Stats.of(lateMetaGrowth), 2) + " KiB, heap " + Fmt.spread(Stats.of(lateHeapGrowth), 2)
                + " KiB (over all " + redeploys + ": metaspace " + Fmt.spread(Stats.of(metaGrowth), 2) + " KiB, heap "
                + Fmt.spread(Stats.of(heapGrowth), 2) + " KiB); leaked loaders at the end: "
                + spread(all, redeploys, Sample::leaks, 0), "no growth, no leaked loaders");
        return s;
    }

    private static List<Double> growth(List<Map<Integer, Sample>> all, int from, int to, java.util.function.ToDoubleFunction<Sample> mib) {
        List<Double> perRedeploy = new ArrayList<>();
        for (Map<Integer, Sample> run : all) {
            perRedeploy.add(to == from ? 0 : (mib.applyAsDouble(run.get(to)) - mib.applyAsDouble(run.get(from))) * 1024 / (to - from));
        }
        return perRedeploy;
    }

    private static String spread(List<Map<Integer, Sample>> all, int at, java.util.function.ToDoubleFunction<Sample> f, int decimals) {
        return Fmt.spread(Stats.of(all.stream().map(m -> f.applyAsDouble(m.get(at))).toList()), decimals);
    }
}
