package io.cohost.bench.fd;

import io.cohost.bench.process.ChildServer;
import java.io.FileInputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One JVM's measurement of open+close for one side of the file-handle accounting figure, run by
 * {@code FdAccountingBenchmark} in a fresh JVM per side and round:
 *
 * <pre>
 *   plain    no agent: the JDK as it ships
 *   host     the agent loaded, the measuring thread is the host's (what accounting costs the host's own opens)
 *   tenant   the agent loaded, the measuring thread is a tenant's: every open is checked against the
 *            tenant's real file rules and files quota (Cohost's TenantSandbox), charged and released
 * </pre>
 *
 * Usage: {@code OpenCloseTimer SIDE WARMUP_MS BATCH BATCHES}. Prints one line
 * {@code bench> ok file=NS nio-file=NS socket=NS}: per operation, the median ns per open+close of
 * BATCHES timed batches of BATCH, after WARMUP_MS of the same operation.
 */
public final class OpenCloseTimer {
    public static final List<String> SIDES = List.of("plain", "host", "tenant");

    private interface Op {
        void run() throws Exception;
    }

    private OpenCloseTimer() {}

    public static void main(String[] args) throws Exception {
        String side = args[0];
        long warmupNanos = Long.parseLong(args[1]) * 1_000_000L;
        int batch = Integer.parseInt(args[2]);
        int batches = Integer.parseInt(args[3]);
        Path work = Files.createTempDirectory("fd-accounting");
        Path file = Files.writeString(work.resolve("f.txt"), "x");
        if (!SIDES.contains(side)) {
            throw new IllegalArgumentException("side must be one of " + SIDES + ", was " + side);
        }
        ThreadGroup tenant = new ThreadGroup("bench-tenant");
        if (!side.equals("plain")) {
            // only on the agent's sides: the plain JVM never loads the agent's or the sandbox's classes
            TenantAttribution.install(work, tenant);
        }
        ThreadGroup group = side.equals("tenant") ? tenant : Thread.currentThread().getThreadGroup();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(group, () -> {
            try {
                result.set(measure(file, warmupNanos, batch, batches));
            } catch (Exception e) {
                result.set(e);
            }
        }, "bench-open-close");
        t.start();
        t.join();
        if (result.get() instanceof Exception e) {
            throw e;
        }
        System.out.println(ChildServer.REPLY + "ok " + result.get());
        Files.delete(file);
        Files.delete(work);
    }

    private static String measure(Path file, long warmupNanos, int batch, int batches) throws Exception {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("file", () -> new FileInputStream(file.toFile()).close());
        ops.put("nio-file", () -> Files.newByteChannel(file).close());
        ops.put("socket", () -> SocketChannel.open().close());
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Op> op : ops.entrySet()) {
            out.append(op.getKey()).append('=')
                    .append(String.format(Locale.ROOT, "%.1f", nanosPerOp(op.getValue(), warmupNanos, batch, batches))).append(' ');
        }
        return out.toString().trim();
    }

    private static double nanosPerOp(Op op, long warmupNanos, int batch, int batches) throws Exception {
        long until = System.nanoTime() + warmupNanos;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 1_000; i++) {
                op.run();
            }
        }
        double[] times = new double[batches];
        for (int b = 0; b < batches; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                op.run();
            }
            times[b] = (System.nanoTime() - start) / (double) batch;
        }
        Arrays.sort(times);
        return times[batches / 2];
    }
}
