package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.client.FixedRateLoad;
import io.cohost.bench.client.HttpProbe;
import io.cohost.bench.client.RepeatedRequests;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ProcessDescriptors;
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
     * 200 once it is up, the requests that make it misbehave (sent without waiting: some never answer;
     * {@code {windowMs}} stands for the window's length), requests it is sent over and over for the whole
     * window (a leak that keeps leaking), whether it runs for {@link #SETTLE} before the window opens,
     * requests that end its mischief before it is undeployed, and what its quota does (for the results).
     */
    record Neighbour(String label, String war, String quotaOn, String quotaOff, String readyPath, List<String> provoke,
            List<String> repeat, boolean settle, List<String> release, String quotaNote) {}

    static final List<Neighbour> NEIGHBOURS = List.of(
            new Neighbour("cpu-hog (2 spinning requests, 1 spinning in catch(Throwable), 1 spinning thread)", "cpu-hog",
                    "cpu=250m", "cpu=unlimited", "/", List.of("/spin", "/spin", "/spin-catch", "/spawn"), List.of(), true, List.of(),
                    "CPU `250m` for the CPU hog"),
            new Neighbour("thread-bomb (starts up to 2,000 threads as the window opens)", "thread-bomb",
                    "threads=100", "threads=unlimited", "/release", List.of("/bomb?max=2000"), List.of(), false, List.of("/release"),
                    "`threads: 100` for the bomb"),
            new Neighbour("heap-hog (holds 256 MiB, then allocates garbage for the whole window)", "heap-hog",
                    "memory=64Mi", "memory=unlimited", "/", List.of("/retain?mb=256", "/churn?ms={windowMs}"), List.of(), true,
                    List.of("/release"), "`memory: 64Mi` for the heap hog, which is then stopped once it passes it"),
            new Neighbour("fd-leak (opens and keeps 100 files, then 10 loopback connections, again and again for the whole window)",
                    "fd-leak", "files=64", "files=unlimited", "/held", List.of(), List.of("/open?n=100", "/sockets?n=10"), true, List.of(),
                    "`files: 64` for the descriptor leak, whose opens past it are refused"));

    /** Pause after each answer to a repeated request: the leak is paced, not as fast as a loop can send. */
    static final Duration REPEAT_PAUSE = Duration.ofMillis(10);

    /** {@code BENCH_NEIGHBOURS=cpu-hog,fd-leak}: only these neighbours (by WAR name); all when unset or empty. */
    static List<Neighbour> selected(String filter) {
        if (filter == null || filter.isBlank()) {
            return NEIGHBOURS;
        }
        List<String> wars = NEIGHBOURS.stream().map(Neighbour::war).toList();
        List<String> names = java.util.Arrays.stream(filter.split(",")).map(String::trim).toList();
        for (String name : names) {
            if (!wars.contains(name)) {
                throw new IllegalArgumentException("BENCH_NEIGHBOURS: no neighbour '" + name + "'; known: " + String.join(",", wars));
            }
        }
        // in the order of NEIGHBOURS, whatever the order of the list
        return NEIGHBOURS.stream().filter(n -> names.contains(n.war())).toList();
    }

    /**
     * One window: hello's latencies and errors, the descriptors the host process held as it closed, and the
     * repeated requests the neighbour was sent (from its start to the window's end) and how many it answered refused.
     */
    private record Window(long[] latencyMicros, int sent, int errors, long hostDescriptors, long repeated, long refused) {
        Window withRepeated(RepeatedRequests r) {
            return new Window(latencyMicros, sent, errors, hostDescriptors, r.sent(), r.refused());
        }

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
        String filter = System.getenv("BENCH_NEIGHBOURS");
        List<Neighbour> neighbours = selected(filter);
        List<String> scenarios = new ArrayList<>(List.of("alone"));
        for (Neighbour n : neighbours) {
            scenarios.add(n.war() + "|off");
            scenarios.add(n.war() + "|on");
        }
        long descriptorLimit;
        Map<String, List<Window>> results = new LinkedHashMap<>();
        scenarios.forEach(sc -> results.put(sc, new ArrayList<>()));
        try (ChildServer host = Servers.cohost(ctx, "noisy-host", OptionalInt.of(RequestOverheadBenchmark.SERVER_CORE))) {
            descriptorLimit = ProcessDescriptors.limit(host.pid());
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
                            + Fmt.num(w.p(99), 2) + " ms, errors " + w.errors() + "/" + w.sent() + ", host descriptors " + w.hostDescriptors()
                            + (w.repeated() > 0 ? ", neighbour sent " + w.repeated() + " requests, " + w.refused() + " answered refused" : ""));
                }
            }
        }
        return report(rounds, window, pinned, neighbours, filter, descriptorLimit, results);
    }

    private Window scenario(BenchContext ctx, ChildServer host, FixedRateLoad load, URI hello, String scenario,
            Duration window) throws Exception {
        if (scenario.equals("alone")) {
            return measure(host, load, hello, window);
        }
        String[] warMode = scenario.split("\\|");
        Neighbour n = NEIGHBOURS.stream().filter(x -> x.war().equals(warMode[0])).findFirst().orElseThrow();
        String app = "noisy-" + n.war();
        host.send("deploy " + app + " " + ctx.wars().sample(n.war()) + " " + (warMode[1].equals("on") ? n.quotaOn() : n.quotaOff()));
        HttpProbe.awaitOk(host.port(), "/" + app + n.readyPath(), Duration.ofSeconds(30), Duration.ofMillis(5));
        long windowMs = SETTLE.plus(window).plusSeconds(1).toMillis();
        List<String> provoke = n.provoke().stream().map(p -> "/" + app + p.replace("{windowMs}", Long.toString(windowMs))).toList();
        try (AutoCloseable mischief = HttpProbe.startAll(host.port(), provoke)) {
            Window w;
            try (RepeatedRequests leak = RepeatedRequests.start(host.port(), n.repeat().stream().map(p -> "/" + app + p).toList(),
                    REPEAT_PAUSE)) {
                if (n.settle()) {
                    LockSupport.parkNanos(SETTLE.toNanos());
                }
                w = measure(host, load, hello, window).withRepeated(leak);
            }
            for (String path : n.release()) {
                HttpProbe.status(host.port(), "/" + app + path);
            }
            host.send("undeploy " + app, Duration.ofMinutes(1));
            return w;
        }
    }

    private static Window measure(ChildServer host, FixedRateLoad load, URI hello, Duration window) throws InterruptedException {
        FixedRateLoad.Result r = load.run(hello, RATE, window, Duration.ofSeconds(2));
        return new Window(r.latencyMicros(), r.sent(), r.errors(), ProcessDescriptors.open(host.pid()), 0, 0);
    }

    private Section report(int rounds, Duration window, String pinned, List<Neighbour> neighbours, String filter, long descriptorLimit,
            Map<String, List<Window>> results) {
        Section s = new Section(id(), title());
        boolean leakRan = neighbours.stream().anyMatch(n -> n.war().equals("fd-leak"));
        String which = neighbours.size() == NEIGHBOURS.size() ? ""
                : " Only " + String.join(", ", neighbours.stream().map(Neighbour::war).toList()) + " ran (`BENCH_NEIGHBOURS=" + filter.trim() + "`).";
        String reserve = !leakRan ? "" : " For fd-leak, `unlimited` lifts only the app's own quota: the host still refuses a tenant's opens"
                + " once the process is within its descriptor reserve of its limit (a tenth of it; the host's limit, `ulimit -n`, is "
                + (descriptorLimit < 0 ? "unknown" : Fmt.num(descriptorLimit, 0)) + ").";
        String repeat = !leakRan ? "" : " fd-leak is sent its requests over and over, one at a time with a " + REPEAT_PAUSE.toMillis()
                + " ms pause after each answer, by a thread of the harness JVM (same core as the client), from its start to the window's end.";
        s.text("""
                `hello` at a fixed %d requests/s for %d s per window, from an open-loop client in the harness JVM (%s to
                core %d): requests leave on schedule whatever the server does, and each latency counts from when the
                request was due (no coordinated omission). An error is a failure, a status other than 200, or no answer
                within 2 s. The Cohost host is pinned to core %d, so a neighbour competes with hello for one core.
                **Governor on**: the neighbour has a quota (%s).
                **Governor off**: the same quota set to `unlimited` (checkpoints are still compiled in).%s Each window
                deploys the neighbour, provokes it, lets it run for %d s (the thread bomb goes off as the window opens),
                measures, then undeploys it.%s %d rounds; scenarios alternate order each round.%s Host flags: `%s -javaagent:descriptor-agent.jar`.
                """.formatted(RATE, window.toSeconds(), pinned, RequestOverheadBenchmark.CLIENT_CORE, RequestOverheadBenchmark.SERVER_CORE,
                String.join(", ", neighbours.stream().map(Neighbour::quotaNote).toList()), reserve, SETTLE.toSeconds(), repeat, rounds, which,
                ServerJvm.flags()));
        Table t = new Table("neighbour", "governor", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "error rate", "p99, governor off ÷ on");
        List<Window> alone = results.get("alone");
        t.row("none (hello alone)", "—", pct(alone, 50), pct(alone, 99), pct(alone, 99.9), errorRate(alone), "—");
        Map<String, Stats> offOverOn = new LinkedHashMap<>();
        for (Neighbour n : neighbours) {
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
        if (leakRan) {
            Table d = new Table("fd-leak", "descriptors open in the host process at the window's end (/proc/PID/fd)",
                    "requests sent to fd-leak", "answered refused");
            d.row("none (hello alone)", Fmt.spread(descriptors(alone), 0), "—", "—");
            for (String mode : List.of("off", "on")) {
                List<Window> ws = results.get("fd-leak|" + mode);
                d.row("governor " + mode + (mode.equals("on") ? " (files 64)" : " (files unlimited)"), Fmt.spread(descriptors(ws), 0),
                        Fmt.spread(Stats.of(ws.stream().map(w -> (double) w.repeated()).toList()), 0),
                        Fmt.spread(Stats.of(ws.stream().map(w -> (double) w.refused()).toList()), 0));
            }
            s.table(d);
        }
        boolean noErrors = results.values().stream().flatMap(List::stream).allMatch(w -> w.errors() == 0);
        Neighbour main = neighbours.stream().filter(n -> n.war().equals("cpu-hog")).findFirst().orElse(neighbours.get(0));
        s.headline("Noisy neighbour (hello p99 at 500 req/s next to " + main.war() + ", one core)", "governor on "
                + Fmt.spread(stats(results.get(main.war() + "|on"), 99), 1) + " ms, off " + Fmt.spread(stats(results.get(main.war() + "|off"), 99), 1)
                + " ms (off ÷ on " + Fmt.ratio(offOverOn.get(main.war())) + "); hello alone " + Fmt.spread(stats(alone, 99), 1)
                + " ms; no errors in any window: " + (noErrors ? "yes" : "no"),
                "a hog under quota barely moves a neighbour's p99");
        if (leakRan && main != neighbours.stream().filter(n -> n.war().equals("fd-leak")).findFirst().orElseThrow()) {
            List<Window> off = results.get("fd-leak|off");
            List<Window> on = results.get("fd-leak|on");
            s.headline("Noisy neighbour, descriptor leak (hello next to fd-leak, `files: 64` vs unlimited)", "hello p99 on "
                    + Fmt.spread(stats(on, 99), 1) + " ms, off " + Fmt.spread(stats(off, 99), 1) + " ms (off ÷ on " + Fmt.ratio(offOverOn.get("fd-leak"))
                    + "); hello's errors on " + errorRate(on) + ", off " + errorRate(off) + "; host descriptors at the window's end on "
                    + Fmt.spread(descriptors(on), 0) + ", off " + Fmt.spread(descriptors(off), 0),
                    "a leaking app stops at its quota; its neighbours keep their descriptors");
        }
        return s;
    }

    private static Stats descriptors(List<Window> ws) {
        return Stats.of(ws.stream().map(w -> (double) w.hostDescriptors()).toList());
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
