package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.client.FixedRateLoad;
import io.cohost.bench.client.HttpProbe;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 5, noisy neighbour: p99 latency and error rate of hello at a fixed request rate, alone and next
 * to each misbehaving sample app, with the governor on (a quota set) and off (the quota unlimited). The
 * host is pinned to core 0, so neighbours compete with hello for one core; the open-loop client runs in
 * this JVM, pinned to core 1.
 */
public final class NoisyNeighbourBenchmark implements Benchmark {
    static final int RATE = 500;
    static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * A neighbour: the app to deploy, its quota with the governor on and off, a harmless path that answers
     * 200 once it is up, the requests that make it misbehave (sent without waiting: some never answer),
     * ({@code {windowMs}} stands for the window's length), whether it runs for {@link #SETTLE} before the
     * window opens, and requests that end its mischief
     * before it is undeployed. A pending one names the issue it waits for.
     */
    record Neighbour(String label, String war, String quotaOn, String quotaOff, String readyPath, List<String> provoke,
            boolean settle, List<String> release, String pendingReason) {
        static Neighbour pending(String label, String reason) {
            return new Neighbour(label, "", "", "", "", List.of(), false, List.of(), reason);
        }

        boolean isPending() {
            return !pendingReason.isEmpty();
        }
    }

    static final List<Neighbour> NEIGHBOURS = List.of(
            new Neighbour("cpu-hog (2 spinning requests, 1 spinning in catch(Throwable), 1 spinning thread)", "cpu-hog",
                    "cpu=250m", "cpu=unlimited", "/", List.of("/spin", "/spin", "/spin-catch", "/spawn"), true, List.of(), ""),
            new Neighbour("thread-bomb (starts up to 2,000 threads as the window opens)", "thread-bomb",
                    "threads=100", "threads=unlimited", "/release", List.of("/bomb?max=2000"), false, List.of("/release"), ""),
            new Neighbour("heap-hog (holds 256 MiB, then allocates garbage for the whole window)", "heap-hog",
                    "memory=64Mi", "memory=unlimited", "/", List.of("/retain?mb=256", "/churn?ms={windowMs}"), true, List.of("/release"), ""),
            Neighbour.pending("fd-leak", "feature pending (file-handle governor, issue 6)"));

    private record Window(long[] latencyMicros, int sent, int errors) {
        double p(double pct) {
            return Stats.ofLongs(latencyMicros).percentile(pct) / 1000.0;
        }

        double errorRate() {
            return sent == 0 ? 0 : (double) errors / sent;
        }
    }

    @Override
    public String id() {
        return "noisy-neighbour";
    }

    @Override
    public String title() {
        return "5. Noisy neighbour: hello's latency next to misbehaving apps";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int rounds = ctx.runs(3);
        Duration window = ctx.pick(Duration.ofSeconds(10), Duration.ofSeconds(2));
        String pinned = ServerJvm.pinSelf(RequestOverheadBenchmark.CLIENT_CORE).isPresent() ? "pinned" : "not pinned (taskset failed)";
        FixedRateLoad load = new FixedRateLoad();
        List<String> scenarios = new ArrayList<>(List.of("alone"));
        for (Neighbour n : NEIGHBOURS) {
            if (!n.isPending()) {
                scenarios.add(n.war() + "|off");
                scenarios.add(n.war() + "|on");
            }
        }
        Map<String, List<Window>> results = new LinkedHashMap<>();
        scenarios.forEach(sc -> results.put(sc, new ArrayList<>()));
        try (ChildServer host = Servers.cohost(ctx, "noisy-host", OptionalInt.of(RequestOverheadBenchmark.SERVER_CORE))) {
            host.send("deploy hello " + ctx.wars().sample("hello"));
            HttpProbe.awaitOk(host.port(), "/hello/", Duration.ofSeconds(30), Duration.ofMillis(5));
            URI hello = URI.create("http://127.0.0.1:" + host.port() + "/hello/");
            ctx.log("noisy neighbour: warming up hello at " + RATE + " req/s");
            load.run(hello, RATE, ctx.pick(Duration.ofSeconds(5), Duration.ofSeconds(1)), Duration.ofSeconds(2));
            for (int r = 0; r < rounds; r++) {
                List<String> order = new ArrayList<>(scenarios);
                if (r % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String sc : order) {
                    Window w = scenario(ctx, host, load, hello, sc, window);
                    results.get(sc).add(w);
                    ctx.log("noisy neighbour: round " + (r + 1) + " " + sc + ": p50 " + Fmt.num(w.p(50), 2) + " ms, p99 "
                            + Fmt.num(w.p(99), 2) + " ms, errors " + w.errors() + "/" + w.sent());
                }
            }
        }
        return report(rounds, window, pinned, results);
    }

    private Window scenario(BenchContext ctx, ChildServer host, FixedRateLoad load, URI hello, String scenario,
            Duration window) throws Exception {
        if (scenario.equals("alone")) {
            return measure(load, hello, window);
        }
        String[] warMode = scenario.split("\\|");
        Neighbour n = NEIGHBOURS.stream().filter(x -> x.war().equals(warMode[0])).findFirst().orElseThrow();
        String app = "noisy-" + n.war();
        host.send("deploy " + app + " " + ctx.wars().sample(n.war()) + " " + (warMode[1].equals("on") ? n.quotaOn() : n.quotaOff()));
        HttpProbe.awaitOk(host.port(), "/" + app + n.readyPath(), Duration.ofSeconds(30), Duration.ofMillis(5));
        long windowMs = SETTLE.plus(window).plusSeconds(1).toMillis();
        List<String> provoke = n.provoke().stream().map(p -> "/" + app + p.replace("{windowMs}", Long.toString(windowMs))).toList();
        try (AutoCloseable mischief = HttpProbe.startAll(host.port(), provoke)) {
            if (n.settle()) {
                LockSupport.parkNanos(SETTLE.toNanos());
            }
            Window w = measure(load, hello, window);
            for (String path : n.release()) {
                HttpProbe.status(host.port(), "/" + app + path);
            }
            host.send("undeploy " + app, Duration.ofMinutes(1));
            return w;
        }
    }

    private static Window measure(FixedRateLoad load, URI hello, Duration window) throws InterruptedException {
        FixedRateLoad.Result r = load.run(hello, RATE, window, Duration.ofSeconds(2));
        return new Window(r.latencyMicros(), r.sent(), r.errors());
    }

    private Section report(int rounds, Duration window, String pinned, Map<String, List<Window>> results) {
        Section s = new Section(id(), title());
        s.text("""
                `hello` at a fixed %d requests/s for %d s per window, from an open-loop client in the harness JVM (%s to
                core %d): requests leave on schedule whatever the server does, and each latency counts from when the
                request was due (no coordinated omission). An error is a failure, a status other than 200, or no answer
                within 2 s. The Cohost host is pinned to core %d, so a neighbour competes with hello for one core.
                **Governor on**: the neighbour has a quota (CPU `250m` for the CPU hog, `threads: 100` for the bomb,
                `memory: 64Mi` for the heap hog, which is then stopped once it passes it).
                **Governor off**: the same quota set to `unlimited` (checkpoints are still compiled in). Each window
                deploys the neighbour, provokes it, lets it run for %d s (the thread bomb goes off as the window opens),
                measures, then undeploys it. %d rounds; scenarios alternate order each round. Same host flags: `%s`.
                """.formatted(RATE, window.toSeconds(), pinned, RequestOverheadBenchmark.CLIENT_CORE, RequestOverheadBenchmark.SERVER_CORE,
                SETTLE.toSeconds(), rounds, ServerJvm.flags()));
        Table t = new Table("neighbour", "governor", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "error rate", "p99, governor off ÷ on");
        List<Window> alone = results.get("alone");
        t.row("none (hello alone)", "—", pct(alone, 50), pct(alone, 99), pct(alone, 99.9), errorRate(alone), "—");
        Map<String, Stats> offOverOn = new LinkedHashMap<>();
        for (Neighbour n : NEIGHBOURS) {
            if (n.isPending()) {
                t.row(n.label(), "on / off", "not measured yet — " + n.pendingReason(), "", "", "", "");
                continue;
            }
            List<Window> off = results.get(n.war() + "|off");
            List<Window> on = results.get(n.war() + "|on");
            List<Double> ratio = new ArrayList<>();
            for (int r = 0; r < on.size(); r++) {
                ratio.add(off.get(r).p(99) / on.get(r).p(99));
            }
            offOverOn.put(n.war(), Stats.of(ratio));
            for (String mode : List.of("off", "on")) {
                List<Window> ws = mode.equals("on") ? on : off;
                t.row(n.label(), mode + " (" + (mode.equals("on") ? n.quotaOn() : n.quotaOff()).replace('=', ' ') + ")", pct(ws, 50),
                        pct(ws, 99), pct(ws, 99.9), errorRate(ws), mode.equals("on") ? Fmt.ratio(Stats.of(ratio)) : "");
            }
        }
        s.table(t);
        s.text("""
                "p99, governor off ÷ on" is computed per round from the two windows of that neighbour (run back to back),
                then summarised; above 1 means the quota protected hello. hello's own windows alone are listed for scale:
                on a shared machine a single window can catch someone else's burst, which is why the ratios pair
                adjacent windows rather than comparing with hello alone.
                """);
        s.headline("Noisy neighbour (hello p99 at 500 req/s next to cpu-hog, one core)", "governor on "
                + Fmt.spread(stats(results.get("cpu-hog|on"), 99), 1) + " ms, off " + Fmt.spread(stats(results.get("cpu-hog|off"), 99), 1)
                + " ms (off ÷ on " + Fmt.ratio(offOverOn.get("cpu-hog")) + "); hello alone " + Fmt.spread(stats(alone, 99), 1)
                + " ms; no errors in any window: " + (results.values().stream().flatMap(List::stream).allMatch(w -> w.errors() == 0) ? "yes" : "no"),
                "a hog under quota barely moves a neighbour's p99");
        return s;
    }

    private static Stats stats(List<Window> ws, double pct) {
        return Stats.of(ws.stream().map(w -> w.p(pct)).toList());
    }

    private static String pct(List<Window> ws, double pct) {
        return Fmt.spread(stats(ws, pct), 2);
    }

    private static String errorRate(List<Window> ws) {
        Stats st = Stats.of(ws.stream().map(w -> w.errorRate() * 100).toList());
        return Fmt.spread(st, 2) + " %";
    }
}
