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
import io.cohost.bench.server.PlainJettyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Figure 2, deploy latency: from the deploy request to the first 200 from the new app. Four ways, in
 * turn within every iteration (the order rotates): a fresh JVM with embedded Jetty (from process start);
 * Cohost with a WAR version it has never seen (the transformation pipeline runs); Cohost with a version
 * it has seen (its transformed classes come from the cache under DATA/cache/classes); and a plain Jetty
 * WebAppContext deployed into a running JVM (no pipeline, no Cohost). Also issue 3's benchmark.
 */
public final class DeployLatencyBenchmark implements Benchmark {
    private static final Duration POLL = Duration.ofMillis(1);
    private static final Duration FIRST_OK_TIMEOUT = Duration.ofMinutes(3);

    enum Way {
        FRESH_JVM("fresh JVM, embedded Jetty"),
        COHOST_NEW("Cohost, new version (pipeline runs)"),
        COHOST_KNOWN("Cohost, known version (cached classes)"),
        PLAIN_CONTEXT("plain Jetty WebAppContext, running JVM");

        final String label;

        Way(String label) {
            this.label = label;
        }
    }

    /** Deploys of each in-JVM way before hello is measured. */
    static final int WARM_UPS = 40;
    /** Deploys of each in-JVM way per iteration for hello (large-lib: one). */
    static final int IN_JVM_REPEATS = 5;

    @Override
    public String id() {
        return "deploy";
    }

    @Override
    public String title() {
        return "2. Deploy latency: deploy request to first 200";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path hello = ctx.wars().sample("hello");
        Path large = ctx.wars().largeLib();
        int helloRuns = ctx.pick(20, 1);
        int largeRuns = ctx.pick(6, 0);
        int helloRepeats = ctx.pick(IN_JVM_REPEATS, 1);
        Runs helloMs;
        Runs largeMs;
        try (ChildServer cohost = Servers.cohost(ctx, "deploy-cohost", OptionalInt.empty());
                ChildServer plain = Servers.plain(ctx, "deploy-plain", OptionalInt.empty())) {
            helloMs = measure(ctx, cohost, plain, "hello", hello, helloRuns, helloRepeats);
            // quick mode skips large-lib: its first transformation alone takes tens of seconds
            largeMs = largeRuns == 0 ? new Runs(emptyRuns(), emptyRuns()) : measure(ctx, cohost, plain, "large", large, largeRuns, 1);
        }
        return report(ctx, helloMs, largeMs, helloRuns, helloRepeats, largeRuns);
    }

    /**
     * Times of each way: {@code all} every deploy, for percentiles; {@code perIteration} one figure per way
     * and iteration (the median of its deploys in that iteration), for ratios computed within an iteration.
     */
    record Runs(Map<Way, List<Double>> all, Map<Way, List<Double>> perIteration) {}

    private Runs measure(BenchContext ctx, ChildServer cohost, ChildServer plain, String label, Path war, int runs, int inJvmRepeats)
            throws Exception {
        // A host deploys many apps in its life: the in-JVM ways are measured warm (JIT-compiled deploy path),
        // as a running server is; the first warm-up deploy of the known version also fills its cache.
        int warmups = ctx.pick(label.equals("hello") ? WARM_UPS : 2, 1);
        ctx.log("deploy: " + label + ", warming up with " + warmups + " deploys of each in-JVM way");
        for (int i = 0; i < warmups; i++) {
            Path unique = io.cohost.bench.war.Wars.uniqueCopy(war, ctx.scratch().resolve("wars"), label + "-warm-" + i + "-" + System.nanoTime());
            timeCohost(cohost, label + "-warm-known-" + i, war);
            timeCohost(cohost, label + "-warm-new-" + i, unique);
            timePlain(plain, label + "-warm-" + i, war);
            java.nio.file.Files.deleteIfExists(unique);
        }
        Runs out = new Runs(emptyRuns(), emptyRuns());
        for (int i = 0; i < runs; i++) {
            Map<Way, List<Double>> iteration = emptyRuns();
            List<Way> order = new ArrayList<>(List.of(Way.values()));
            java.util.Collections.rotate(order, i);
            for (Way w : order) {
                // a fresh JVM once per iteration; each in-JVM way several times, so their figures are not
                // at the mercy of one deploy (the machine is still settling from the fresh JVM's exit)
                int repeats = w == Way.FRESH_JVM ? 1 : inJvmRepeats;
                for (int k = 0; k < repeats; k++) {
                    String app = label + "-" + w.name().toLowerCase().replace('_', '-') + "-" + i + "-" + k;
                    iteration.get(w).add(switch (w) {
                        case FRESH_JVM -> timeFreshJvm(ctx, label + i, war);
                        case COHOST_NEW -> {
                            Path unique = io.cohost.bench.war.Wars.uniqueCopy(war, ctx.scratch().resolve("wars"), app + "-" + System.nanoTime());
                            try {
                                yield timeCohost(cohost, app, unique);
                            } finally {
                                java.nio.file.Files.deleteIfExists(unique);
                            }
                        }
                        case COHOST_KNOWN -> timeCohost(cohost, app, war);
                        case PLAIN_CONTEXT -> timePlain(plain, app, war);
                    });
                }
            }
            for (Way w : Way.values()) {
                out.all().get(w).addAll(iteration.get(w));
                out.perIteration().get(w).add(Stats.of(iteration.get(w)).median());
            }
            ctx.log("deploy: " + label + " run " + (i + 1) + "/" + runs + ", medians: " + iteration.entrySet().stream()
                    .map(e -> e.getKey().name().toLowerCase() + "=" + Fmt.num(Stats.of(e.getValue()).median(), 1) + "ms").toList());
        }
        return out;
    }

    private static Map<Way, List<Double>> emptyRuns() {
        Map<Way, List<Double>> ms = new EnumMap<>(Way.class);
        for (Way w : Way.values()) {
            ms.put(w, new ArrayList<>());
        }
        return ms;
    }

    private static double timeCohost(ChildServer cohost, String app, Path war) {
        long start = System.nanoTime();
        cohost.send("deploy " + app + " " + war, Duration.ofMinutes(5));
        long ok = HttpProbe.awaitOk(cohost.port(), "/" + app + "/", FIRST_OK_TIMEOUT, POLL);
        cohost.send("undeploy " + app);
        return (ok - start) / 1e6;
    }

    private static double timePlain(ChildServer plain, String app, Path war) {
        long start = System.nanoTime();
        plain.send("deploy " + app + " " + war, Duration.ofMinutes(5));
        long ok = HttpProbe.awaitOk(plain.port(), "/" + app + "/", FIRST_OK_TIMEOUT, POLL);
        plain.send("undeploy " + app);
        return (ok - start) / 1e6;
    }

    /** From starting the java process to its first 200; the JVM is then ended. */
    private static double timeFreshJvm(BenchContext ctx, String app, Path war) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = ServerJvm.command(OptionalInt.empty(), PlainJettyServer.class, List.of(Integer.toString(port), app + "=" + war));
        java.nio.file.Files.createDirectories(ctx.logs());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ctx.logs().resolve("fresh-jvm.log").toFile()).start();
        try {
            long ok = HttpProbe.awaitOk(port, "/" + app + "/", FIRST_OK_TIMEOUT, POLL);
            return (ok - start) / 1e6;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private Section report(BenchContext ctx, Runs helloTimes, Runs largeTimes, int helloRuns, int helloRepeats, int largeRuns)
            throws IOException {
        Map<Way, List<Double>> hello = helloTimes.perIteration();
        Map<Way, List<Double>> large = largeTimes.perIteration();
        Section s = new Section(id(), title());
        s.text("""
                Time from the deploy request to the first `200` from the new app, polled every %d ms on new connections.
                **Fresh JVM**: `java` started with plain embedded Jetty and the WAR (what one JVM per app pays for every
                deploy). **Cohost, new version**: a WAR Cohost has never seen (a copy with one extra file), so its
                transformation pipeline (global-call redirection and checkpoint injection) rewrites every class before the
                app starts. **Cohost, known version**: the same WAR bytes as an earlier deploy, under a new app name; the
                transformed classes come from the per-version cache (as on a redeploy of the same WAR or a host restart).
                **Plain Jetty WebAppContext**: the same WAR deployed into a running plain Jetty JVM, no pipeline and no
                Cohost, the floor for in-JVM deploys. Cohost is driven through its Java API in its own JVM; every app is
                undeployed after its first 200. `hello` is one servlet; `large-lib` is hello plus %s MiB of jars in
                `WEB-INF/lib` (Scala library and reflect, Groovy, Guava, Commons Math; fetched from Maven Central by the
                build). The in-JVM ways are measured warm: each is deployed %d times (hello) before measuring starts,
                as a running server that deploys apps is. The four ways take turns within each iteration, in rotating
                order; within an iteration a fresh JVM is started once and each in-JVM way deploys %d times (hello) or
                once (large-lib); hello %d iterations, large-lib %d. Percentiles are over every deploy; ratios compare
                each way's median within an iteration. JVM flags: %s.
                """.formatted(POLL.toMillis(), Fmt.num(Fmt.mib(ctx.wars().largeLibJarBytes()), 1), ctx.pick(WARM_UPS, 1), helloRepeats,
                helloRuns, largeRuns, ServerJvm.flagsNote()));
        Table t = new Table("WAR", "figure (ms)", Way.FRESH_JVM.label, Way.COHOST_NEW.label, Way.COHOST_KNOWN.label, Way.PLAIN_CONTEXT.label);
        addRows(t, "hello", helloTimes.all());
        addRows(t, "large-lib", largeTimes.all());
        s.table(t);

        Table r = new Table("WAR", "ratio of times, per iteration", "median [min–max]");
        for (var e : Map.of("hello", hello, "large-lib", large).entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())).toList()) {
            Map<Way, List<Double>> m = e.getValue();
            r.row(e.getKey(), "Cohost new version ÷ fresh JVM", Fmt.ratio(ratios(m, Way.COHOST_NEW, Way.FRESH_JVM)));
            r.row(e.getKey(), "Cohost known version ÷ fresh JVM", Fmt.ratio(ratios(m, Way.COHOST_KNOWN, Way.FRESH_JVM)));
            r.row(e.getKey(), "Cohost known version ÷ plain WebAppContext", Fmt.ratio(ratios(m, Way.COHOST_KNOWN, Way.PLAIN_CONTEXT)));
            r.row(e.getKey(), "Cohost new version ÷ known version (the pipeline's cost)", Fmt.ratio(ratios(m, Way.COHOST_NEW, Way.COHOST_KNOWN)));
        }
        s.text("Ratios, computed within each iteration and then summarised:");
        s.table(r);

        Stats helloKnown = Stats.of(helloTimes.all().get(Way.COHOST_KNOWN));
        Stats helloNew = Stats.of(helloTimes.all().get(Way.COHOST_NEW));
        Stats helloFresh = Stats.of(helloTimes.all().get(Way.FRESH_JVM));
        s.headline("Deploy latency (hello, p50)", "Cohost " + Fmt.num(helloNew.median(), 0) + " ms new version, "
                + Fmt.num(helloKnown.median(), 0) + " ms known version, vs " + Fmt.num(helloFresh.median(), 0)
                + " ms for a fresh JVM: " + Fmt.ratio(ratios(hello, Way.COHOST_KNOWN, Way.FRESH_JVM)) + " (known) / "
                + Fmt.ratio(ratios(hello, Way.COHOST_NEW, Way.FRESH_JVM)) + " (new) of the fresh JVM's time", "p50 ≤ 10 ms");
        return s;
    }

    private static void addRows(Table t, String war, Map<Way, List<Double>> ms) {
        List<String> p50 = new ArrayList<>(List.of(war, "p50"));
        List<String> p95 = new ArrayList<>(List.of(war, "p95"));
        List<String> range = new ArrayList<>(List.of(war, "min–max"));
        for (Way w : Way.values()) {
            Stats st = Stats.of(ms.get(w));
            p50.add(Fmt.num(st.median(), st.median() < 100 ? 1 : 0));
            p95.add(Fmt.num(st.percentile(95), st.percentile(95) < 100 ? 1 : 0));
            range.add(Fmt.num(st.min(), st.min() < 100 ? 1 : 0) + "–" + Fmt.num(st.max(), st.max() < 100 ? 1 : 0));
        }
        t.row(p50.toArray(String[]::new));
        t.row(p95.toArray(String[]::new));
        t.row(range.toArray(String[]::new));
    }

    private static Stats ratios(Map<Way, List<Double>> ms, Way a, Way b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < ms.get(a).size(); i++) {
            r.add(ms.get(a).get(i) / ms.get(b).get(i));
        }
        return Stats.of(r);
    }
}
