package io.cohost.bench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How every server JVM of the benchmarks is started, Cohost and plain Jetty alike: the same JDK as the
 * harness, the same class path and the same flags, so the two sides differ only in what they run, and in
 * the one flag only Cohost has: {@code -javaagent:descriptor-agent.jar}.
 *
 * <p>The heap is capped at 2 GiB so 500 tenants fit; resident memory counts only the pages a JVM touches,
 * so the cap does not inflate a small server's figure. The {@code --add-opens} are the ones Cohost needs
 * (see {@code ./cohost}); plain Jetty gets them too so the flags stay identical. The descriptor agent is
 * how a Cohost host meters and limits its tenants' file handles ({@code ./cohost serve} starts it the same
 * way), so its cost is part of Cohost's and is measured on every Cohost side; plain Jetty and one JVM per
 * app have nothing to govern and run without it.
 */
public final class ServerJvm {
    public static final List<String> FLAGS = List.of("-Xmx2g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
            "-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens", "java.sql/java.sql=ALL-UNNAMED");

    private ServerJvm() {}

    /** {@link #FLAGS} and the descriptor agent: the flags of every Cohost host JVM. */
    public static List<String> cohostFlags() {
        List<String> flags = new ArrayList<>(FLAGS);
        flags.add("-javaagent:" + descriptorAgentJar());
        return flags;
    }

    /** The descriptor agent's jar, from the harness's class path (the build puts it there as a dependency of the kernel). */
    public static Path descriptorAgentJar() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (file.startsWith("descriptor-agent") && file.endsWith(".jar")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("descriptor-agent.jar is not on the class path; build with mvn -pl bench -am package");
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Flags a JVM-per-app operator would pick to make each small JVM as small as it goes: a small heap and
     * the serial collector. Used only for the "JVM per app, footprint flags" side of the density figure.
     */
    public static final List<String> FOOTPRINT_FLAGS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");

    /** {@code [taskset -c CORE] java FLAGS -cp CLASSPATH main args...}. */
    public static List<String> command(OptionalInt core, Class<?> main, List<String> args) {
        return command(core, FLAGS, main, args);
    }

    public static List<String> command(OptionalInt core, List<String> flags, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        core.ifPresent(c -> {
            cmd.add("taskset");
            cmd.add("-c");
            cmd.add(Integer.toString(c));
        });
        cmd.add(java());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** The flags as one string, for the results. */
    public static String flags() {
        return String.join(" ", FLAGS);
    }

    /**
     * For the results: {@link #FLAGS}, and that Cohost's JVMs add the descriptor agent while plain Jetty and
     * one JVM per app do not.
     */
    public static String flagsNote() {
        return "`" + flags() + "`; Cohost's JVMs also run `-javaagent:descriptor-agent.jar` (its file-handle governor, part of"
                + " Cohost's cost), plain Jetty and JVM-per-app servers run without it";
    }

    /** Pins the calling JVM (every thread it has and will start) to one core; empty if taskset is missing. */
    public static Optional<String> pinSelf(int core) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(core), Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
