package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.client.HttpProbe;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ProcessMemory;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Figure 1, density: N copies of hello as tenants of one Cohost host, vs N WebAppContexts in one plain
 * Jetty JVM, vs N JVMs each running plain embedded Jetty with hello. Each app answers one request, the
 * server is left idle until tenants' request threads have ended (Cohost's keep-alive is 10 s), garbage is
 * collected, and then the kernel's figures are read: RSS, PSS and threads of each process.
 */
public final class DensityBenchmark implements Benchmark {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(40);

    /** One measurement of an idle server; {@code governorMillicores} is the governor sampler's CPU (Cohost only, else NaN). */
    /** @param deployMsPerApp the step that reached this N: its deploy command's time ÷ the apps it deployed (NaN for separate JVMs) */
    private record Point(long rss, long pss, long heap, int threads, int tenantThreads, double governorMillicores, double deployMsPerApp) {}

    @Override
    public String id() {
        return "density";
    }

    @Override
    public String title() {
        return "1. Density: memory and threads per idle app";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        List<Integer> steps = ctx.pick(List.of(1, 10, 100, 500), List.of(1, 3));
        int jvms = ctx.pick(10, 2);
        int rounds = ctx.runs(3);
        Path hello = ctx.wars().sample("hello");

        List<Map<Integer, Point>> cohost = new ArrayList<>();
        List<Map<Integer, Point>> plain = new ArrayList<>();
        List<List<Point>> separate = new ArrayList<>();
        List<List<Point>> footprint = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Runnable> sides = new ArrayList<>();
            int round = r;
            sides.add(() -> cohost.add(oneServer(ctx, "cohost-" + round, true, steps, hello)));
            sides.add(() -> plain.add(oneServer(ctx, "plain-" + round, false, steps, hello)));
            sides.add(() -> separate.add(separateJvms(ctx, "jvm-" + round, jvms, ServerJvm.FLAGS, hello)));
            sides.add(() -> footprint.add(separateJvms(ctx, "small-jvm-" + round, jvms, ServerJvm.FOOTPRINT_FLAGS, hello)));
            if (r % 2 == 1) {
                java.util.Collections.reverse(sides);
            }
            sides.forEach(Runnable::run);
        }
        return report(ctx, steps, jvms, rounds, cohost, plain, separate, footprint);
    }

    /** One JVM (Cohost or plain Jetty) grown to each N in turn, measured idle at each. */
    private Map<Integer, Point> oneServer(BenchContext ctx, String name, boolean isCohost, List<Integer> steps, Path war) {
        ctx.log("density: " + name + " up to " + steps.get(steps.size() - 1) + " apps");
        Map<Integer, Point> points = new HashMap<>();
        try (ChildServer server = isCohost ? Servers.cohost(ctx, name, OptionalInt.empty()) : Servers.plain(ctx, name, OptionalInt.empty())) {
            int deployed = 0;
            for (int n : steps) {
                double stepMs = Double.parseDouble(server.send("deploy-range hello " + (deployed + 1) + " " + n + " " + war, Duration.ofMinutes(10)).get("ms"));
                double msPerApp = stepMs / (n - deployed);
                for (int i = deployed + 1; i <= n; i++) {
                    HttpProbe.awaitOk(server.port(), "/hello" + i + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                }
                deployed = n;
                // quick mode does not wait out the 10 s keep-alive of tenant threads; it only reads the count
                int tenantThreads = !isCohost ? 0 : ctx.quick() ? tenantThreads(server) : awaitIdleTenants(server);
                Point p = measure(server, tenantThreads);
                double governor = !isCohost ? Double.NaN : Double.parseDouble(server.send("governor-cpu " + ctx.pick(3000, 200)).get("millicores"));
                p = new Point(p.rss(), p.pss(), p.heap(), p.threads(), p.tenantThreads(), governor, msPerApp);
                points.put(n, p);
            }
        } catch (Exception e) {
            throw new IllegalStateException("density run " + name + " failed: " + e.getMessage(), e);
        }
        return points;
    }

    private static int tenantThreads(ChildServer server) {
        return Integer.parseInt(server.send("tenant-threads").get("threads"));
    }

    /** Waits until no tenant holds a thread (or the timeout), and returns how many they still hold. */
    private static int awaitIdleTenants(ChildServer server) {
        long deadline = System.nanoTime() + IDLE_TIMEOUT.toNanos();
        int threads;
        do {
            threads = tenantThreads(server);
            if (threads == 0) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        } while (System.nanoTime() < deadline);
        return threads;
    }

    private static Point measure(ChildServer server, int tenantThreads) {
        Map<String, String> gc = server.send("gc");
        ProcessMemory m = ProcessMemory.of(server.pid());
        return new Point(m.rssBytes(), m.pssBytes(), Long.parseLong(gc.get("heapUsed")), m.threads(), tenantThreads, Double.NaN, Double.NaN);
    }

    /** {@code count} JVMs, one app each, all running at once; the memory of each, measured with all of them up. */
    private List<Point> separateJvms(BenchContext ctx, String name, int count, List<String> flags, Path war) {
        ctx.log("density: " + count + " separate JVMs with embedded Jetty (" + name + ")");
        List<ChildServer> servers = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                ChildServer s = Servers.plain(ctx, name + "-" + i, OptionalInt.empty(), flags, "hello=" + war);
                servers.add(s);
                HttpProbe.awaitOk(s.port(), "/hello/", Duration.ofSeconds(30), Duration.ofMillis(5));
            }
            List<Point> points = new ArrayList<>();
            for (ChildServer s : servers) {
                points.add(measure(s, 0));
            }
            return points;
        } catch (Exception e) {
            throw new IllegalStateException("density: separate JVMs failed: " + e.getMessage(), e);
        } finally {
            servers.forEach(ChildServer::close);
        }
    }

    private Section report(BenchContext ctx, List<Integer> steps, int jvms, int rounds, List<Map<Integer, Point>> cohost,
            List<Map<Integer, Point>> plain, List<List<Point>> separate, List<List<Point>> footprint) {
        int max = steps.get(steps.size() - 1);
        Section s = new Section(id(), title());
        s.text("""
                Each app is a copy of `hello` (one servlet) deployed under its own name. Three ways to host N of them:
                **Cohost** (one host, N tenants, deployed through its Java API), **plain Jetty** (one JVM, N `WebAppContext`s
                in a `ContextHandlerCollection`), and **one JVM per app** (N JVMs, each plain embedded Jetty with one
                `WebAppContext`). Each app answers one request; then the server idles until no tenant holds a request
                thread, collects garbage, and its resident memory is read from `/proc` (RSS; PSS for the separate JVMs,
                since they share library pages, so PSS is what N of them really take together). One JVM grows through
                N = %s; the separate JVMs are measured with all %d running, and their totals past %d are **extrapolated**
                linearly from the mean per JVM (marked ≈). %d rounds, alternating the order of the sides. JVM flags:
                %s (a fourth side, below, gives one JVM per app footprint flags).
                """.formatted(steps.toString().replaceAll("[\\[\\]]", ""), jvms, jvms, rounds, ServerJvm.flagsNote()));

        Stats perJvmRss = Stats.of(separate.stream().map(l -> l.stream().mapToLong(Point::rss).average().orElse(Double.NaN)).toList());
        Stats perJvmPss = Stats.of(separate.stream().map(l -> l.stream().mapToLong(Point::pss).average().orElse(Double.NaN)).toList());
        Table total = new Table("apps (N)", "Cohost, 1 JVM (RSS MiB)", "plain Jetty, 1 JVM (RSS MiB)", "N JVMs (RSS MiB)", "N JVMs (PSS MiB)",
                "N JVMs (PSS) ÷ Cohost");
        for (int n : steps) {
            Stats c = mib(cohost, n, Point::rss);
            Stats p = mib(plain, n, Point::rss);
            String jvmRss;
            String jvmPss;
            List<Double> ratios = new ArrayList<>();
            if (n <= jvms) {
                int k = n;
                Stats rss = Stats.of(separate.stream().map(l -> Fmt.mib(l.subList(0, k).stream().mapToLong(Point::rss).sum())).toList());
                Stats pss = Stats.of(separate.stream().map(l -> Fmt.mib(l.subList(0, k).stream().mapToLong(Point::pss).sum())).toList());
                jvmRss = Fmt.spread(rss, 0);
                jvmPss = Fmt.spread(pss, 0);
                for (int r = 0; r < rounds; r++) {
                    ratios.add(separate.get(r).subList(0, k).stream().mapToLong(Point::pss).sum() / (double) cohost.get(r).get(n).rss());
                }
            } else {
                jvmRss = "≈ " + Fmt.num(n * Fmt.mib(perJvmRss.median()), 0);
                jvmPss = "≈ " + Fmt.num(n * Fmt.mib(perJvmPss.median()), 0);
                for (int r = 0; r < rounds; r++) {
                    double meanPss = separate.get(r).stream().mapToLong(Point::pss).average().orElse(Double.NaN);
                    ratios.add(n * meanPss / cohost.get(r).get(n).rss());
                }
            }
            total.row(Integer.toString(n), Fmt.spread(c, 0), Fmt.spread(p, 0), jvmRss, jvmPss,
                    (n > jvms ? "≈ " : "") + Fmt.ratio(Stats.of(ratios)));
        }
        s.table(total);

        Stats cohostMarginal = marginal(cohost, 1, max, Point::rss);
        List<Double> isolationRatio = new ArrayList<>();
        List<Double> densityRatio = new ArrayList<>();
        List<Double> footprintRatio = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double c = perApp(cohost.get(r), 1, max, Point::rss);
            isolationRatio.add(c / perApp(plain.get(r), 1, max, Point::rss));
            densityRatio.add(mean(separate.get(r), Point::pss) / c);
            footprintRatio.add(mean(footprint.get(r), Point::pss) / c);
        }
        s.text("**Marginal cost of one more app**: for Cohost and plain Jetty, (figure at N=" + max + " − figure at N=1) ÷ " + (max - 1)
                + "; for one JVM per app, the mean per JVM. The last row is one JVM per app with the flags an operator would use to"
                + " shrink each JVM (`" + String.join(" ", ServerJvm.FOOTPRINT_FLAGS) + "`), measured the same way:");
        Table marginal = new Table("one more app", "resident memory (KiB)", "heap after GC (KiB)", "memory ÷ Cohost tenant's");
        marginal.row("Cohost tenant", Fmt.spread(kib(cohostMarginal), 0), Fmt.spread(kib(marginal(cohost, 1, max, Point::heap)), 0), "1.00×");
        marginal.row("plain Jetty WebAppContext (no isolation)", Fmt.spread(kib(marginal(plain, 1, max, Point::rss)), 0),
                Fmt.spread(kib(marginal(plain, 1, max, Point::heap)), 0),
                Fmt.ratio(Stats.of(isolationRatio.stream().map(x -> 1 / x).toList())));
        marginal.row("JVM per app, the servers' flags (no agent)", Fmt.spread(kib(perJvm(separate, Point::rss)), 0) + " RSS, " + Fmt.spread(kib(perJvm(separate, Point::pss)), 0)
                + " PSS", Fmt.spread(kib(perJvm(separate, Point::heap)), 0), Fmt.ratio(Stats.of(densityRatio)) + " (PSS)");
        marginal.row("JVM per app, footprint flags", Fmt.spread(kib(perJvm(footprint, Point::rss)), 0) + " RSS, "
                + Fmt.spread(kib(perJvm(footprint, Point::pss)), 0) + " PSS", Fmt.spread(kib(perJvm(footprint, Point::heap)), 0),
                Fmt.ratio(Stats.of(footprintRatio)) + " (PSS)");
        s.table(marginal);
        s.text("Cohost's own isolation per tenant (its class loader and pipeline, thread group, executor, governor and meters, "
                + "tenant globals) costs " + Fmt.ratio(Stats.of(isolationRatio)) + " the resident memory of a plain WebAppContext.");

        int last = steps.get(steps.size() - 2);
        List<Double> bulkRatio = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            bulkRatio.add(cohost.get(r).get(max).deployMsPerApp() / plain.get(r).get(max).deployMsPerApp());
        }
        Table bulk = new Table("deploying N=" + (last + 1) + " to " + max + " in one command", "ms per app", "Cohost ÷ plain");
        bulk.row("Cohost (pipeline from the per-version cache, governor registration, state persisted)",
                Fmt.spread(Stats.of(cohost.stream().map(m -> m.get(max).deployMsPerApp()).toList()), 1), Fmt.ratio(Stats.of(bulkRatio)));
        bulk.row("plain Jetty WebAppContext", Fmt.spread(Stats.of(plain.stream().map(m -> m.get(max).deployMsPerApp()).toList()), 1), "1.00×");
        s.text("**Bulk deploy**: the last step's deploy command (each app's context created and started, one after another, in a"
                + " warm JVM already hosting " + last + " apps) divided by the apps it deployed; no HTTP in the timing. Figure 2 times single"
                + " deploys up to the first 200 instead:");
        s.table(bulk);

        Table threads = new Table("threads", "Cohost", "plain Jetty, N contexts", "JVM per app");
        threads.row("whole JVM at N=1", Fmt.spread(count(cohost, 1, Point::threads), 0), Fmt.spread(count(plain, 1, Point::threads), 0),
                Fmt.spread(Stats.of(separate.stream().map(l -> (double) l.get(0).threads()).toList()), 0) + " per JVM ("
                        + Fmt.spread(Stats.of(footprint.stream().map(l -> (double) l.get(0).threads()).toList()), 0) + " with footprint flags)");
        threads.row("whole JVM at N=" + max, Fmt.spread(count(cohost, max, Point::threads), 0), Fmt.spread(count(plain, max, Point::threads), 0),
                "≈ " + Fmt.num(max * Stats.of(separate.stream().map(l -> (double) l.get(0).threads()).toList()).median(), 0) + " in all");
        threads.row("held by idle tenants at N=" + max, Fmt.spread(count(cohost, max, Point::tenantThreads), 0), "—", "—");
        for (int n : steps) {
            threads.row("CPU of the governor's sampler at N=" + n + " (millicores)",
                    Fmt.spread(Stats.of(cohost.stream().map(m -> m.get(n).governorMillicores()).toList()), 2), "—", "—");
        }
        s.text("**Threads** (from `/proc`; tenant threads counted in the host's tenant thread groups after the idle wait), and the CPU"
                + " Cohost's governor spends metering the idle tenants every 20 ms (its sampler thread's CPU time over "
                + ctx.pick(3, 0.2) + " s; 1000 millicores = one core):");
        s.table(threads);

        s.headline("Density (" + max + " idle hello apps)", "Cohost tenant " + Fmt.num(Fmt.kib(cohostMarginal.median()), 0)
                + " KiB RSS each vs " + Fmt.num(Fmt.mib(perJvmPss.median()), 0) + " MiB per JVM-per-app (PSS): "
                + Fmt.ratio(Stats.of(densityRatio)) + " denser (" + Fmt.ratio(Stats.of(footprintRatio)) + " against footprint-tuned JVMs); "
                + Fmt.ratio(Stats.of(isolationRatio))
                + " the marginal RSS of a plain Jetty WebAppContext; " + Fmt.num(count(cohost, max, Point::tenantThreads).median(), 0)
                + " threads held by idle tenants", "≤ 1 MiB per idle tenant, no threads held");
        return s;
    }

    private static Stats mib(List<Map<Integer, Point>> runs, int n, Function<Point, Long> f) {
        return Stats.of(runs.stream().map(m -> Fmt.mib(f.apply(m.get(n)))).toList());
    }

    private static Stats count(List<Map<Integer, Point>> runs, int n, Function<Point, Integer> f) {
        return Stats.of(runs.stream().map(m -> (double) f.apply(m.get(n))).toList());
    }

    private static double perApp(Map<Integer, Point> run, int from, int to, Function<Point, Long> f) {
        return (f.apply(run.get(to)) - f.apply(run.get(from))) / (double) (to - from);
    }

    private static Stats marginal(List<Map<Integer, Point>> runs, int from, int to, Function<Point, Long> f) {
        return Stats.of(runs.stream().map(m -> perApp(m, from, to, f)).toList());
    }

    private static List<Double> ratioPerRound(List<Map<Integer, Point>> a, List<Map<Integer, Point>> b, int from, int to,
            Function<Point, Long> f) {
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < a.size(); r++) {
            ratios.add(perApp(a.get(r), from, to, f) / perApp(b.get(r), from, to, f));
        }
        return ratios;
    }

    private static double mean(List<Point> jvms, java.util.function.ToLongFunction<Point> f) {
        return jvms.stream().mapToLong(f).average().orElse(Double.NaN);
    }

    private static Stats perJvm(List<List<Point>> rounds, java.util.function.ToLongFunction<Point> f) {
        return Stats.of(rounds.stream().map(l -> mean(l, f)).toList());
    }

    private static Stats kib(Stats bytes) {
        return Stats.of(bytes.values().stream().map(Fmt::kib).toList());
    }
}
