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
        int redeploys = ctx.pick(500, 20);
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
        List<Double> heapGrowth = new ArrayList<>();
        List<Double> metaGrowth = new ArrayList<>();
        for (Map<Integer, Sample> run : all) {
            heapGrowth.add((run.get(redeploys).heapMib() - run.get(from).heapMib()) * 1024 / (redeploys - from));
            metaGrowth.add((run.get(redeploys).metaspaceMib() - run.get(from).metaspaceMib()) * 1024 / (redeploys - from));
        }
        Table g = new Table("growth per redeploy, redeploy " + from + " → " + redeploys, "KiB");
        g.row("heap after GC", Fmt.spread(Stats.of(heapGrowth), 2));
        g.row("metaspace", Fmt.spread(Stats.of(metaGrowth), 2));
        g.row("time per redeploy, including the first 200 (ms)", Fmt.spread(Stats.of(perRedeployMs), 1));
        s.table(g);
        s.headline("Redeploy stability (" + redeploys + " redeploys of hello)", "metaspace " + Fmt.spread(Stats.of(metaGrowth), 2)
                + " KiB and heap " + Fmt.spread(Stats.of(heapGrowth), 2) + " KiB per redeploy after GC; leaked loaders at the end: "
                + spread(all, redeploys, Sample::leaks, 0), "no growth, no leaked loaders");
        return s;
    }

    private static String spread(List<Map<Integer, Sample>> all, int at, java.util.function.ToDoubleFunction<Sample> f, int decimals) {
        return Fmt.spread(Stats.of(all.stream().map(m -> f.applyAsDouble(m.get(at))).toList()), decimals);
    }
}
