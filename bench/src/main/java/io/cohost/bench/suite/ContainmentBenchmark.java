package io.cohost.bench.suite;

import io.cohost.bench.BenchContext;
import io.cohost.bench.Benchmark;
import io.cohost.bench.client.HttpProbe;
import io.cohost.bench.process.ChildServer;
import io.cohost.bench.process.ProcessDescriptors;
import io.cohost.bench.process.ServerJvm;
import io.cohost.bench.report.Fmt;
import io.cohost.bench.report.Section;
import io.cohost.bench.report.Stats;
import io.cohost.bench.report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 6, containment times: how fast the host acts on a misbehaving tenant. Times are taken inside
 * the host's JVM (see {@code CohostServer}'s {@code stop-timed} and {@code throttle-timed}) except the
 * per-request CPU limit and the file-handle refusal, which are timed by the client as the request's
 * response time (the refusal is the app's own answer).
 */
public final class ContainmentBenchmark implements Benchmark {
    /** Runaway code in cpu-hog: two spinning requests, one spinning inside catch(Throwable), deep recursion, two spinning threads. */
    static final List<String> RUNAWAY = List.of("/spin", "/spin", "/spin-catch", "/recurse", "/spawn", "/spawn");
    static final int RUNAWAY_THREADS = 6;
    static final int HEAP_QUOTA_MIB = 64;
    static final int RETAINED_MIB = 256;
    static final int FILES_QUOTA = 64;
    /** Files fd-leak opens before the timed request, which then crosses the quota. */
    static final int FILES_BEFORE = 60;

    @Override
    public String id() {
        return "containment";
    }

    @Override
    public String title() {
        return "6. Containment times";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int runs = ctx.runs(7);
        List<Double> stopReturned = new ArrayList<>();
        List<Double> threadsGone = new ArrayList<>();
        List<Double> survivors = new ArrayList<>();
        List<Double> throttled = new ArrayList<>();
        List<Double> parked = new ArrayList<>();
        List<Double> requestAborted = new ArrayList<>();
        List<String> abortStatuses = new ArrayList<>();
        List<Double> bombStarted = new ArrayList<>();
        List<Double> bombMs = new ArrayList<>();
        List<Double> heapRunning = new ArrayList<>();
        List<Double> heapAfter = new ArrayList<>();
        List<Double> metaRunning = new ArrayList<>();
        List<Double> metaAfter = new ArrayList<>();
        List<Double> heapBaseline = new ArrayList<>();
        List<Double> leaks = new ArrayList<>();
        List<Double> heapKilled = new ArrayList<>();
        List<String> heapReasons = new ArrayList<>();
        List<Double> hogBase = new ArrayList<>();
        List<Double> hogRunning = new ArrayList<>();
        List<Double> hogAfter = new ArrayList<>();
        List<Double> hogLeaks = new ArrayList<>();
        List<Double> filesRefusedMs = new ArrayList<>();
        List<Double> filesOpened = new ArrayList<>();
        List<Double> filesMeter = new ArrayList<>();
        List<String> filesRefusals = new ArrayList<>();
        List<Double> filesStopMs = new ArrayList<>();
        List<Double> fdsBefore = new ArrayList<>();
        List<Double> fdsHolding = new ArrayList<>();
        List<Double> fdsAfterStop = new ArrayList<>();
        List<Double> fdsDelta = new ArrayList<>();
        try (ChildServer host = Servers.cohost(ctx, "containment-host", OptionalInt.empty())) {
            String hog = ctx.wars().sample("cpu-hog").toString();
            String heapHog = ctx.wars().sample("heap-hog").toString();
            String fdLeak = ctx.wars().sample("fd-leak").toString();
            // one deploy and undeploy first, so the baseline already holds the host classes a first deploy loads
            host.send("deploy warm-up " + hog);
            HttpProbe.awaitOk(host.port(), "/warm-up/", Duration.ofSeconds(30), Duration.ofMillis(5));
            host.send("undeploy warm-up");
            for (int i = 0; i < runs; i++) {
                // stop request → all threads gone, and memory before/after
                Map<String, String> base = host.send("gc");
                String app = "hog-stop-" + i;
                host.send("deploy " + app + " " + hog + " cpu=unlimited");
                HttpProbe.awaitOk(host.port(), "/" + app + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                Map<String, String> running;
                Map<String, String> stop;
                try (AutoCloseable runaway = HttpProbe.startAll(host.port(), paths(app, RUNAWAY))) {
                    awaitThreads(host, app, RUNAWAY_THREADS);
                    running = host.send("gc");
                    stop = host.send("stop-timed " + app, Duration.ofMinutes(1));
                    host.send("undeploy " + app);
                }
                Map<String, String> after = host.send("gc");
                leaks.add(Double.parseDouble(host.send("leaks").get("leaks")));
                stopReturned.add(Double.parseDouble(stop.get("stopMs")));
                threadsGone.add(stop.get("threadsGoneMs").equals("never") ? Double.NaN : Double.parseDouble(stop.get("threadsGoneMs")));
                survivors.add(Double.parseDouble(stop.get("survivors")));
                heapBaseline.add(mib(base, "heapUsed"));
                heapRunning.add(mib(running, "heapUsed"));
                heapAfter.add(mib(after, "heapUsed"));
                metaRunning.add(mib(running, "metaspaceUsed") - mib(base, "metaspaceUsed"));
                metaAfter.add(mib(after, "metaspaceUsed") - mib(base, "metaspaceUsed"));

                // quota lowered below use → throttled, and threads parked
                app = "hog-throttle-" + i;
                host.send("deploy " + app + " " + hog + " cpu=unlimited");
                HttpProbe.awaitOk(host.port(), "/" + app + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                Map<String, String> t;
                try (AutoCloseable runaway = HttpProbe.startAll(host.port(), paths(app, List.of("/spin", "/spawn")))) {
                    awaitThreads(host, app, 2);
                    t = host.send("throttle-timed " + app + " cpu=100m");
                    host.send("undeploy " + app, Duration.ofMinutes(1));
                }
                throttled.add(t.get("throttledMs").equals("never") ? Double.NaN : Double.parseDouble(t.get("throttledMs")));
                parked.add(t.get("parkedMs").equals("never") ? Double.NaN : Double.parseDouble(t.get("parkedMs")));

                // per-request CPU limit: a request that never ends on its own is aborted
                app = "hog-request-" + i;
                host.send("deploy " + app + " " + hog + " requestCpu=100ms");
                HttpProbe.awaitOk(host.port(), "/" + app + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                long start = System.nanoTime();
                HttpProbe.Response aborted = HttpProbe.get(host.port(), "/" + app + "/spin", Duration.ofSeconds(30));
                requestAborted.add((System.nanoTime() - start) / 1e6);
                abortStatuses.add(Integer.toString(aborted.status()));
                host.send("undeploy " + app, Duration.ofMinutes(1));

                // thread quota: the bomb is refused at its quota
                app = "bomb-" + i;
                host.send("deploy " + app + " " + ctx.wars().sample("thread-bomb") + " threads=100");
                HttpProbe.awaitOk(host.port(), "/" + app + "/release", Duration.ofSeconds(30), Duration.ofMillis(5));
                start = System.nanoTime();
                HttpProbe.Response bomb = HttpProbe.get(host.port(), "/" + app + "/bomb?max=2000", Duration.ofSeconds(30));
                bombMs.add((System.nanoTime() - start) / 1e6);
                bombStarted.add(Double.parseDouble(bomb.body().replaceAll("^started (\\d+);.*$", "$1")));
                HttpProbe.status(host.port(), "/" + app + "/release");
                host.send("undeploy " + app, Duration.ofMinutes(1));

                // memory quota: a hog growing as fast as it can is stopped after passing it
                app = "heap-" + i;
                host.send("deploy " + app + " " + heapHog + " memory=" + HEAP_QUOTA_MIB + "Mi");
                HttpProbe.awaitOk(host.port(), "/" + app + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                Map<String, String> killed;
                try (AutoCloseable grow = HttpProbe.startAll(host.port(), List.of("/" + app + "/grow"))) {
                    killed = host.send("heap-kill-timed " + app + " " + HEAP_QUOTA_MIB, Duration.ofMinutes(2));
                }
                host.send("undeploy " + app, Duration.ofMinutes(1));
                heapKilled.add(killed.get("killedMs").startsWith("never") ? Double.NaN : Double.parseDouble(killed.get("killedMs")));
                heapReasons.add(killed.get("reason").replace('_', ' ').replaceAll("retained=\\S+", "retained=…"));

                // memory reclaimed: a hog holding 256 MiB, stopped and undeployed
                app = "heap-reclaim-" + i;
                Map<String, String> before = host.send("gc");
                host.send("deploy " + app + " " + heapHog + " memory=unlimited");
                HttpProbe.awaitOk(host.port(), "/" + app + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                if (HttpProbe.status(host.port(), "/" + app + "/retain?mb=" + RETAINED_MIB) != 200) {
                    throw new IllegalStateException("heap-hog did not retain " + RETAINED_MIB + " MiB");
                }
                Map<String, String> holding = host.send("gc");
                host.send("stop " + app, Duration.ofMinutes(1));
                host.send("undeploy " + app);
                Map<String, String> released = host.send("gc");
                hogLeaks.add(Double.parseDouble(host.send("leaks").get("leaks")));
                hogBase.add(mib(before, "heapUsed"));
                hogRunning.add(mib(holding, "heapUsed"));
                hogAfter.add(mib(released, "heapUsed"));

                // file-handle quota: fd-leak opens files up to its quota and is refused; stopping it closes them
                app = "fd-" + i;
                long fdBefore = ProcessDescriptors.open(host.pid());
                host.send("deploy " + app + " " + fdLeak + " files=" + FILES_QUOTA);
                HttpProbe.awaitOk(host.port(), "/" + app + "/held", Duration.ofSeconds(30), Duration.ofMillis(5));
                String filled = HttpProbe.get(host.port(), "/" + app + "/open?n=" + FILES_BEFORE, Duration.ofSeconds(30)).body();
                if (!filled.equals("opened " + FILES_BEFORE)) {
                    throw new IllegalStateException("fd-leak did not open " + FILES_BEFORE + " files under its quota: " + filled);
                }
                start = System.nanoTime();
                HttpProbe.Response crossing = HttpProbe.get(host.port(), "/" + app + "/open?n=1000", Duration.ofSeconds(30));
                filesRefusedMs.add((System.nanoTime() - start) / 1e6);
                if (!crossing.body().contains("refused")) {
                    throw new IllegalStateException("fd-leak was not refused at its quota of " + FILES_QUOTA + ": " + crossing.body());
                }
                filesOpened.add(FILES_BEFORE + Double.parseDouble(crossing.body().replaceAll("^opened (\\d+);.*$", "$1")));
                filesRefusals.add(crossing.body().replaceAll("^opened \\d+; refused: ", "").replaceAll("app '[^']+'", "app '…'")
                        .replaceAll(";.*$", ""));
                filesMeter.add(Double.parseDouble(host.send("open-files " + app).get("openFiles")));
                long fdHolding = ProcessDescriptors.open(host.pid());
                filesStopMs.add(Double.parseDouble(host.send("stop " + app, Duration.ofMinutes(1)).get("ms")));
                long afterStop = ProcessDescriptors.open(host.pid());
                host.send("undeploy " + app);
                fdsBefore.add((double) fdBefore);
                fdsHolding.add((double) fdHolding);
                fdsAfterStop.add((double) afterStop);
                fdsDelta.add((double) (afterStop - fdBefore));

                ctx.log("containment: run " + (i + 1) + "/" + runs + ": stop " + stop + ", throttle " + t + ", request aborted after "
                        + Fmt.num(requestAborted.get(i), 1) + " ms (" + aborted.status() + "), bomb " + bomb.body().split(";")[0]
                        + ", heap hog killed " + killed + ", reclaimed " + Fmt.num(hogRunning.get(i) - hogAfter.get(i), 1) + " MiB"
                        + "; fd-leak refused after " + Fmt.num(filesRefusedMs.get(i), 1) + " ms (" + crossing.body() + "), host descriptors "
                        + fdBefore + " before, " + fdHolding + " holding, " + afterStop + " after stop");
            }
        }
        Map<Integer, List<Double>> accuracy = throttleAccuracy(ctx);
        Section s = new Section(id(), title());
        s.text("""
                One Cohost host (its own JVM, not pinned, flags `%s -javaagent:descriptor-agent.jar`), driven through its Java API; %d runs, each with fresh copies of the
                apps. **Stop**: cpu-hog with runaway code (two spinning requests, one spinning inside `catch (Throwable)`,
                one recursing forever, two spinning threads it started; quota unlimited); the host's `stop` is called and a
                watcher joins every thread the app had: "threads gone" is when the last one ended, "stop returned" when the
                call came back. **Throttle**: cpu-hog spinning in one request and one thread with an unlimited quota; its CPU
                quota is then set to `100m`, below its use: the time to the governor's throttled flag and to every busy
                thread parked at a checkpoint. **Per-request CPU limit**: a request that spins forever in an app with
                `requestCpu: 100ms`, timed by the client to its response. **Thread quota**: thread-bomb with `threads: 100`
                asked to start 2,000 threads. **Memory quota**: heap-hog with `memory: 64Mi` retaining 64 KiB chunks as fast
                as it can; from its own log line saying it holds 64 MiB to the host reporting it KILLED (both clocks are the
                host JVM's). **File-handle quota**: fd-leak with `files: 64` (the host runs the descriptor agent) opens %d files
                and keeps them, then is asked for 1,000 more: the time of that request, from the client, to its answer, which
                reports the refusal the app got at its 65th open; then the app is stopped (the time is the stop call's) and
                the host process's descriptors are counted again. **Memory**: heap and metaspace after GC before the hog was deployed, while it
                ran, and after it was stopped and undeployed; "leaked loaders" is what `GET /api/leaks` would report then.
                Every request is sent with `Connection: close` and its connection closed before the leak check: an idle
                keep-alive connection that last served a tenant keeps its class loader reachable until it closes
                (Jetty's idle timeout is 30 s), which a leak check would count.
                Stopping a tenant the governor had left alone first closes its checkpoint gate (figure 4), which deoptimises
                its compiled code; the thread recursing to a stack overflow then unwinds through thousands of deoptimised
                frames, and that is most of the stop time (in `CheckpointInjectionTest`'s fixtures such a thread took about
                150 ms to end, a spinning loop 1–2 ms). With a gate that is already closed (a tenant throttled in the last
                30 s) no deoptimisation is needed.
                """.formatted(ServerJvm.flags(), runs, FILES_BEFORE));
        Table t = new Table("containment", "time (ms)", "detail");
        t.row("stop request → all threads of a runaway tenant gone", Fmt.spread(Stats.of(threadsGone), 1),
                RUNAWAY_THREADS + "+ threads; stop call returned after " + Fmt.spread(Stats.of(stopReturned), 1) + " ms; threads left alive: "
                        + Fmt.spread(Stats.of(survivors), 0));
        t.row("CPU quota set below use → throttled flag", Fmt.spread(Stats.of(throttled), 1), "governor samples every 20 ms");
        t.row("CPU quota set below use → busy threads parked", Fmt.spread(Stats.of(parked), 1), "");
        t.row("request over `requestCpu: 100ms` → response", Fmt.spread(Stats.of(requestAborted), 1),
                "status " + String.join(", ", abortStatuses.stream().distinct().toList()) + "; includes the 100 ms of CPU it was allowed");
        t.row("thread quota 100 → refused", Fmt.spread(Stats.of(bombMs), 1), "threads started before the refusal: " + Fmt.spread(Stats.of(bombStarted), 0));
        t.row("memory quota " + HEAP_QUOTA_MIB + " MiB passed → app stopped (KILLED)", Fmt.spread(Stats.of(heapKilled), 1),
                "heap-hog growing as fast as it can, from its own log line at " + HEAP_QUOTA_MIB + " MiB; reason: "
                        + String.join("; ", heapReasons.stream().distinct().limit(2).toList()));
        t.row("request crossing the file-handle quota " + FILES_QUOTA + " → refused", Fmt.spread(Stats.of(filesRefusedMs), 1),
                "files opened before the refusal: " + Fmt.spread(Stats.of(filesOpened), 0) + " (the app's meter: "
                        + Fmt.spread(Stats.of(filesMeter), 0) + "); the app is answered `" + String.join("; ", filesRefusals.stream().distinct().limit(2).toList()) + "`");
        t.row("stop → the files fd-leak held closed", Fmt.spread(Stats.of(filesStopMs), 1),
                "descriptors of the host process (`/proc/PID/fd`): " + Fmt.spread(Stats.of(fdsBefore), 0) + " before fd-leak was deployed, "
                        + Fmt.spread(Stats.of(fdsHolding), 0) + " while it held its files, " + Fmt.spread(Stats.of(fdsAfterStop), 0)
                        + " once stop returned: after − before " + signed(Stats.of(fdsDelta)));
        s.table(t);
        Table a = new Table("CPU quota", "CPU used (millicores)", "used ÷ quota");
        accuracy.forEach((quota, used) -> a.row(quota + "m", Fmt.spread(Stats.of(used), 1),
                Fmt.ratio(Stats.of(used.stream().map(u -> u / quota).toList()))));
        s.text("**Throttle accuracy**: cpu-hog with " + ACCURACY_SPINNERS.size() + " busy threads (two spinning requests, one spinning"
                + " in `catch (Throwable)`, one spinning thread it started) under each CPU quota; after " + ACCURACY_SETTLE.toSeconds()
                + " s its use is read from its own CPU meter (all its threads, live and ended) over " + ctx.pick(ACCURACY_WINDOW, ACCURACY_WINDOW_QUICK).toSeconds()
                + " s, " + ctx.runs(3) + " rounds per quota, quotas in rotating order:");
        s.table(a);
        Table m = new Table("memory after GC (MiB)", "heap", "metaspace (above baseline)", "");
        m.row("before the hog was deployed", Fmt.spread(Stats.of(heapBaseline), 1), "0", "");
        m.row("hog running (runaway threads)", Fmt.spread(Stats.of(heapRunning), 1), Fmt.spread(Stats.of(metaRunning), 2), "");
        m.row("after stop and undeploy", Fmt.spread(Stats.of(heapAfter), 1), Fmt.spread(Stats.of(metaAfter), 2),
                "leaked loaders: " + Fmt.spread(Stats.of(leaks), 0));
        s.text("Memory reclaimed after stop, cpu-hog with runaway threads:");
        s.table(m);
        Table h = new Table("memory after GC (MiB)", "heap", "");
        h.row("before heap-hog was deployed", Fmt.spread(Stats.of(hogBase), 1), "");
        h.row("heap-hog holding " + RETAINED_MIB + " MiB", Fmt.spread(Stats.of(hogRunning), 1), "");
        h.row("after stop and undeploy", Fmt.spread(Stats.of(hogAfter), 1), "leaked loaders: " + Fmt.spread(Stats.of(hogLeaks), 0));
        List<Double> reclaimed = new ArrayList<>();
        for (int i = 0; i < hogRunning.size(); i++) {
            reclaimed.add(hogRunning.get(i) - hogAfter.get(i));
        }
        h.row("reclaimed", Fmt.spread(Stats.of(reclaimed), 1), "");
        s.text("Memory reclaimed after stop, heap-hog holding " + RETAINED_MIB + " MiB in a static list:");
        s.table(h);
        s.headline("Containment", "runaway cpu-hog: all threads gone " + Fmt.spread(Stats.of(threadsGone), 1)
                + " ms after the stop request, throttled " + Fmt.spread(Stats.of(throttled), 1)
                + " ms after its quota was set below its use; heap-hog stopped " + Fmt.spread(Stats.of(heapKilled), 0)
                + " ms after passing its memory quota; fd-leak refused at its file-handle quota (" + Fmt.spread(Stats.of(filesOpened), 0)
                + " of " + FILES_QUOTA + " opened), its descriptors closed at stop (host process after − before: " + signed(Stats.of(fdsDelta))
                + "); leaked loaders after stop: " + Fmt.spread(Stats.of(leaks), 0) + "; CPU used ÷ quota "
                + String.join(", ", accuracy.entrySet().stream().map(e -> e.getKey() + "m " + Fmt.ratio(Stats.of(
                        e.getValue().stream().map(u -> u / e.getKey()).toList()))).toList()),
                "stop within 1 s, throttle within a sample or two");
        return s;
    }

    static final List<Integer> ACCURACY_QUOTAS = List.of(100, 250, 500);
    static final List<String> ACCURACY_SPINNERS = List.of("/spin", "/spin", "/spin-catch", "/spawn");
    static final Duration ACCURACY_SETTLE = Duration.ofSeconds(2);
    static final Duration ACCURACY_WINDOW = Duration.ofSeconds(5);
    static final Duration ACCURACY_WINDOW_QUICK = Duration.ofSeconds(1);

    /** Millicores cpu-hog used under each quota, one figure per round. */
    private Map<Integer, List<Double>> throttleAccuracy(BenchContext ctx) throws Exception {
        Map<Integer, List<Double>> used = new java.util.TreeMap<>();
        String hog = ctx.wars().sample("cpu-hog").toString();
        Duration window = ctx.pick(ACCURACY_WINDOW, ACCURACY_WINDOW_QUICK);
        try (ChildServer host = Servers.cohost(ctx, "accuracy-host", java.util.OptionalInt.empty())) {
            for (int r = 0; r < ctx.runs(3); r++) {
                for (int q = 0; q < ACCURACY_QUOTAS.size(); q++) {
                    int quota = ACCURACY_QUOTAS.get((q + r) % ACCURACY_QUOTAS.size());
                    String app = "hog-accuracy-" + quota + "-" + r;
                    host.send("deploy " + app + " " + hog + " cpu=" + quota + "m");
                    HttpProbe.awaitOk(host.port(), "/" + app + "/", Duration.ofSeconds(30), Duration.ofMillis(5));
                    try (AutoCloseable busy = HttpProbe.startAll(host.port(), paths(app, ACCURACY_SPINNERS))) {
                        awaitThreads(host, app, ACCURACY_SPINNERS.size());
                        java.util.concurrent.locks.LockSupport.parkNanos(ACCURACY_SETTLE.toNanos());
                        double millicores = Double.parseDouble(host.send("cpu-use " + app + " " + window.toMillis(),
                                window.plusSeconds(30)).get("millicores"));
                        used.computeIfAbsent(quota, k -> new ArrayList<>()).add(millicores);
                        ctx.log("containment: throttle accuracy: " + app + " used " + Fmt.num(millicores, 1) + "m under " + quota + "m");
                        host.send("undeploy " + app, Duration.ofMinutes(1));
                    }
                }
            }
        }
        return used;
    }

    /** A difference with its sign: {@code +2 [0–+3]}. */
    private static String signed(Stats s) {
        return Fmt.spread(s, 0).replaceAll("(^|\\[|–)(\\d)", "$1+$2");
    }

    private static List<String> paths(String app, List<String> paths) {
        return paths.stream().map(p -> "/" + app + p).toList();
    }

    /** Waits until the app has at least {@code n} threads running its code. */
    private static void awaitThreads(ChildServer host, String app, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Integer.parseInt(host.send("busy-threads " + app).get("threads")) >= n) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new IllegalStateException("app '" + app + "' did not have " + n + " busy threads within 20 s");
    }

    private static double mib(Map<String, String> reply, String key) {
        return Fmt.mib(Long.parseLong(reply.get(key)));
    }
}
