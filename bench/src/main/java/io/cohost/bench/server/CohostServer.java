package io.cohost.bench.server;

import io.cohost.governor.GovernedTenant;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Cohost host in its own JVM, driven by the harness over {@link CommandLoop}:
 * <pre>
 * deploy NAME WAR [key=value...]        deploy or redeploy, with quotas       → ms
 * deploy-range PREFIX FROM TO WAR       deploy PREFIXi for i in FROM..TO       → ms
 * stop|start|undeploy NAME
 * quota NAME key=value...
 * leaks                                 stopped apps whose loaders survived GC → leaks
 * tenant-threads                        live threads in tenant thread groups  → threads
 * busy-threads NAME                     the app's threads that are running     → threads
 * governor-cpu MILLIS                   CPU the governor's sampler uses         → millicores
 * stop-timed NAME                       stop; when did its last thread end     → stopMs threadsGoneMs threads survivors
 * throttle-timed NAME key=value...      set a quota below the app's use; when is it throttled, when are its threads parked
 * cpu-use NAME MS                        the app's CPU use (millicores) over the next MS ms, from its CPU meter
 * heap-kill-timed NAME QUOTA_MIB        a heap-hog growing past its memory quota: from passing it (its own log) to KILLED
 * open-files NAME                       the file handles the app holds, as its meter reads them → openFiles
 * memory | gc | quit
 * </pre>
 * Usage: {@code CohostServer DATA_DIR TENANT_PORT}.
 */
public final class CohostServer {
    private CohostServer() {}

    public static void main(String[] args) throws Exception {
        CohostControl cohost = CohostControl.start(Path.of(args[0]), Integer.parseInt(args[1]));
        CommandLoop loop = new CommandLoop()
                .on("deploy", a -> timed(() -> cohost.deploy(a.get(0), Path.of(a.get(1)), quota(a.subList(2, a.size())))))
                .on("deploy-range", a -> timed(() -> {
                    for (int i = Integer.parseInt(a.get(1)); i <= Integer.parseInt(a.get(2)); i++) {
                        cohost.deploy(a.get(0) + i, Path.of(a.get(3)), Map.of());
                    }
                    return null;
                }))
                .on("stop", a -> timed(() -> cohost.stop(a.get(0))))
                .on("start", a -> timed(() -> cohost.start(a.get(0))))
                .on("undeploy", a -> timed(() -> {
                    cohost.undeploy(a.get(0));
                    return null;
                }))
                .on("quota", a -> timed(() -> cohost.setQuota(a.get(0), quota(a.subList(1, a.size())))))
                .on("leaks", a -> Map.of("leaks", cohost.leaks()))
                .on("tenant-threads", a -> Map.of("threads", CohostControl.allTenantThreads()))
                .on("busy-threads", a -> Map.of("threads", cohost.threadsOf(a.get(0)).stream()
                        .filter(t -> t.getState() == Thread.State.RUNNABLE).count()))
                .on("governor-cpu", a -> governorCpu(Integer.parseInt(a.get(0))))
                .on("cpu-use", a -> cpuUse(cohost, a.get(0), Integer.parseInt(a.get(1))))
                .on("stop-timed", a -> stopTimed(cohost, a.get(0)))
                .on("open-files", a -> Map.of("openFiles", cohost.app(a.get(0)).meters().getOrDefault("openFiles", 0.0)))
                .on("heap-kill-timed", a -> heapKillTimed(cohost, a.get(0), Long.parseLong(a.get(1))))
                .on("throttle-timed", a -> throttleTimed(cohost, a.get(0), quota(a.subList(1, a.size()))));
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", cohost.tenantPort());
        CommandLoop.ready(ready);
        try {
            loop.run();
        } finally {
            cohost.close();
        }
        System.exit(0);
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static Map<String, Object> timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return Map.of("ms", String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6));
    }

    static Map<String, String> quota(List<String> pairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            q.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return q;
    }

    private static final java.util.regex.Pattern HOG_PROGRESS = java.util.regex.Pattern.compile("heap-hog retained (\\d+) MiB at (\\d+)");

    /**
     * Waits for the app (a heap-hog sent to {@code /grow}) to be KILLED and measures, in wall-clock
     * milliseconds of this JVM, from the moment its own log says it retained {@code quotaMib} to that moment.
     */
    private static Map<String, Object> heapKillTimed(CohostControl cohost, String name, long quotaMib) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cohost.app(name).state().equals("KILLED") && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000);
        }
        long killedAt = System.currentTimeMillis();
        var info = cohost.app(name);
        if (!info.state().equals("KILLED")) {
            throw new IllegalStateException("app '" + name + "' was not stopped within 60 s; it is " + info.state());
        }
        long passedAt = -1;
        long maxMib = 0;
        for (String line : cohost.logs(name, 20_000)) {
            java.util.regex.Matcher m = HOG_PROGRESS.matcher(line);
            if (m.find()) {
                maxMib = Math.max(maxMib, Long.parseLong(m.group(1)));
                if (passedAt < 0 && Long.parseLong(m.group(1)) >= quotaMib) {
                    passedAt = Long.parseLong(m.group(2));
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("killedMs", passedAt < 0 ? "never-passed" : Long.toString(killedAt - passedAt));
        r.put("maxLoggedMib", maxMib);
        r.put("reason", info.stateDetail().replaceAll("\\s+", "_"));
        return r;
    }

    /** CPU the governor's sampler thread uses over {@code millis}, in millicores (1000 = one core). */
    /** The app's CPU use over the next {@code millis} ms, from its own CPU meter (what the governor enforces). */
    private static Map<String, Object> cpuUse(CohostControl cohost, String app, int millis) throws InterruptedException {
        double before = cohost.app(app).meters().getOrDefault("cpuSeconds", 0.0);
        long start = System.nanoTime();
        Thread.sleep(millis);
        double used = cohost.app(app).meters().getOrDefault("cpuSeconds", 0.0) - before;
        return Map.of("millicores", String.format(java.util.Locale.ROOT, "%.1f", used * 1e12 / (System.nanoTime() - start)));
    }

    private static Map<String, Object> governorCpu(int millis) throws InterruptedException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Long> ids = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("cohost-governor"))
                .map(Thread::getId).toList();
        long before = ids.stream().mapToLong(mx::getThreadCpuTime).sum();
        long start = System.nanoTime();
        Thread.sleep(millis);
        long used = ids.stream().mapToLong(mx::getThreadCpuTime).sum() - before;
        return Map.of("millicores", String.format(java.util.Locale.ROOT, "%.2f", used * 1000.0 / (System.nanoTime() - start)),
                "threads", ids.size());
    }

    /**
     * Stops the app and measures, from the stop request, when the call returned and when the last of
     * the threads it had at that moment ended (a watcher joins each in turn).
     */
    private static Map<String, Object> stopTimed(CohostControl cohost, String name) throws Exception {
        List<Thread> threads = cohost.threadsOf(name);
        long[] lastEnd = new long[1];
        Thread watcher = new Thread(() -> {
            for (Thread t : threads) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    return;
                }
            }
            lastEnd[0] = System.nanoTime();
        }, "bench-stop-watcher");
        watcher.start();
        long start = System.nanoTime();
        cohost.stop(name);
        long returned = System.nanoTime();
        watcher.join(TimeUnit.SECONDS.toMillis(40));
        long survivors = threads.stream().filter(Thread::isAlive).count();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("stopMs", ms(returned - start));
        r.put("threadsGoneMs", survivors == 0 ? ms(lastEnd[0] - start) : "never");
        r.put("threads", threads.size());
        r.put("survivors", survivors);
        return r;
    }

    /**
     * Sets a quota below what the app is using and measures, from that moment, when the governor flags
     * it throttled and when every one of its busy threads is parked at a checkpoint.
     */
    private static Map<String, Object> throttleTimed(CohostControl cohost, String name, Map<String, String> quota) {
        GovernedTenant governed = cohost.governed(name);
        List<Thread> busy = cohost.threadsOf(name).stream().filter(t -> t.getState() == Thread.State.RUNNABLE).toList();
        long start = System.nanoTime();
        cohost.setQuota(name, quota);
        long deadline = start + TimeUnit.SECONDS.toNanos(10);
        while (!governed.isThrottled() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000);
        }
        long throttled = System.nanoTime();
        while (!busy.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING || !t.isAlive())
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000);
        }
        long parked = System.nanoTime();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("throttledMs", governed.isThrottled() ? ms(throttled - start) : "never");
        r.put("parkedMs", parked < deadline ? ms(parked - start) : "never");
        r.put("busyThreads", busy.size());
        return r;
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
