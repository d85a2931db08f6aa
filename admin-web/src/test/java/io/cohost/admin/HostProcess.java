package io.cohost.admin;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host running as a child process ({@code cohost serve} on free ports), for tests that kill it.
 * Its URLs are read from what it prints once it is up.
 */
final class HostProcess implements AutoCloseable {
    private static final Pattern ADMIN = Pattern.compile("API:\\s+(http://\\S+)/api/apps");
    private static final Pattern APPS = Pattern.compile("apps:\\s+(http://\\S+)/NAME/");

    private final Process process;
    private final URI admin;
    private final URI tenants;
    private final Path out;
    private final Path err;
    private final Path dataDir;

    private HostProcess(Process process, URI admin, URI tenants, Path out, Path err, Path dataDir) {
        this.out = out;
        this.err = err;
        this.dataDir = dataDir;
        this.process = process;
        this.admin = admin;
        this.tenants = tenants;
    }

    static HostProcess serve(Path dataDir, Path logDir) {
        return serve(dataDir, logDir, "384m");
    }

    /** A host with a heap of {@code maxHeap} (e.g. {@code 512m}). */
    static HostProcess serve(Path dataDir, Path logDir, String maxHeap) {
        return serve(dataDir, logDir, maxHeap, 0);
    }

    /**
     * A host with a heap of {@code maxHeap} whose process may open at most {@code openFileLimit} descriptors
     * ({@code ulimit -n}); 0 keeps the inherited limit.
     */
    static HostProcess serve(Path dataDir, Path logDir, String maxHeap, int openFileLimit) {
        try {
            Files.createDirectories(logDir);
            Path out = Files.createTempFile(logDir, "host-", ".out");
            Path err = Files.createTempFile(logDir, "host-", ".err");
            List<String> command = CliProcess.command("serve", "--port", "0", "--admin-port", "0", "--data", dataDir.toString());
            command.addAll(1, jvmOpens());
            command.add(1, "-Xmx" + maxHeap);
            if (openFileLimit > 0) {
                command.addAll(0, List.of("sh", "-c", "ulimit -n " + openFileLimit + " && exec \"$@\"", "sh"));
            }
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            await().atMost(Duration.ofMinutes(1)).until(() -> !process.isAlive() || ADMIN.matcher(Files.readString(out)).find());
            String printed = Files.readString(out);
            Matcher admin = ADMIN.matcher(printed);
            Matcher apps = APPS.matcher(printed);
            if (!process.isAlive() || !admin.find() || !apps.find()) {
                process.destroyForcibly();
                throw new IllegalStateException("cohost serve did not come up; it printed:\n" + printed + "\n" + Files.readString(err));
            }
            return new HostProcess(process, URI.create(admin.group(1)), URI.create(apps.group(1)), out, err, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The host reads JDK internals to unload tenants and runs with the descriptor agent; the child gets
     * the same --add-opens and -javaagent as this test JVM.
     */
    static List<String> jvmOpens() {
        List<String> opens = new java.util.ArrayList<>();
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--add-opens") && i + 1 < args.size()) {
                opens.add(args.get(i));
                opens.add(args.get(++i));
            } else if (args.get(i).startsWith("--add-opens=") || args.get(i).startsWith("-javaagent:")
                    || args.get(i).startsWith("-XX:ThreadPriorityPolicy=") || args.get(i).startsWith("-XX:JavaPriority1_To_OSPriority=")) {
                opens.add(args.get(i));
            }
        }
        return opens;
    }

    /** Everything the host printed so far, stdout and stderr. */
    String output() throws IOException {
        return Files.readString(out) + Files.readString(err);
    }

    /** Runs a full garbage collection in the host, as an operator would with jcmd. */
    void fullGc() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(1, TimeUnit.MINUTES);
    }

    /** The host's threads and their stacks ({@code jcmd Thread.print}), for a failure report. */
    String threadDump() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(1, TimeUnit.MINUTES);
        return dump;
    }

    /** A client with the token the host wrote for the local CLI at its start. */
    AdminApiClient api() {
        return new AdminApiClient(admin, TestHost.token(dataDir));
    }

    URI app(String path) {
        return tenants.resolve(path);
    }

    /** SIGKILL: no shutdown hook, no flushing, nothing of the host's own runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("host process " + process.pid() + " survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
