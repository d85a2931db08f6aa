import io.cohost.agent.Attribution;
import io.cohost.agent.DescriptorAgent;
import io.cohost.agent.DescriptorGate;
import io.cohost.governor.files.FileHandles;
import io.cohost.governor.files.HostDescriptorGuard;
import io.cohost.kernel.management.AccessPolicy;
import io.cohost.kernel.sandbox.FileRules;
import io.cohost.kernel.sandbox.TenantSandbox;
import java.io.FileInputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One JVM's measurement of open+close, for one side of the comparison:
 *
 * <pre>
 *   plain    no agent: the JDK as it ships
 *   host     the agent loaded, the measuring thread is the host's (what accounting costs the host's own opens)
 *   tenant   the agent loaded, the measuring thread is a tenant's: every open is checked against the
 *            tenant's real file rules and files quota (Cohost's TenantSandbox), charged and released
 * </pre>
 *
 * Prints {@code MODE op=ns/op ...}: the median of several timed batches after a warm-up.
 */
public final class FdAccountingBench {
    private static final int BATCH = 20_000;
    private static final int BATCHES = 7;
    private static final long WARMUP_NANOS = 2_000_000_000L;

    interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path work = Files.createTempDirectory("fd-accounting");
        Path file = Files.writeString(work.resolve("f.txt"), "x");
        ThreadGroup tenantGroup = new ThreadGroup("bench-tenant");
        if (!mode.equals("plain")) {
            if (!DescriptorAgent.isInstalled()) {
                throw new IllegalStateException(mode + " needs -javaagent:descriptor-agent.jar");
            }
            TenantSandbox sandbox = new TenantSandbox("bench",
                    new FileHandles("bench", new HostDescriptorGuard(HostDescriptorGuard.ProcessDescriptors.ofThisProcess(), 0), 1_000),
                    List.of(new FileRules.Root(work, true, "its work directory")), AccessPolicy.defaults());
            Attribution byGroup = () -> Thread.currentThread().getThreadGroup() == tenantGroup ? (DescriptorGate) sandbox : null;
            DescriptorAgent.tracker().orElseThrow().setAttribution(byGroup);
        }
        ThreadGroup group = mode.equals("tenant") ? tenantGroup : Thread.currentThread().getThreadGroup();
        AtomicReference<String> result = new AtomicReference<>();
        Thread t = new Thread(group, () -> {
            try {
                result.set(measure(file));
            } catch (Exception e) {
                result.set("failed: " + e);
            }
        }, "bench");
        t.start();
        t.join();
        System.out.println(mode + " " + result.get());
    }

    private static String measure(Path file) throws Exception {
        Op[] ops = {
            () -> new FileInputStream(file.toFile()).close(),
            () -> Files.newByteChannel(file).close(),
            () -> SocketChannel.open().close(),
        };
        String[] names = {"file", "nio-file", "socket"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ops.length; i++) {
            out.append(names[i]).append('=').append(String.format(Locale.ROOT, "%.1f", nanosPerOp(ops[i]))).append(' ');
        }
        return out.toString().trim();
    }

    private static double nanosPerOp(Op op) throws Exception {
        long until = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 1_000; i++) {
                op.run();
            }
        }
        double[] batches = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                op.run();
            }
            batches[b] = (System.nanoTime() - start) / (double) BATCH;
        }
        Arrays.sort(batches);
        return batches[BATCHES / 2];
    }
}
