package io.cohost.bench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How every server JVM of the benchmarks is started, Cohost and plain Jetty alike: the same JDK as the
 * harness, the same class path and the same flags, so the two sides differ only in what they run.
 *
 * <p>The heap is capped at 2 GiB so 500 tenants fit; resident memory counts only the pages a JVM touches,
 * so the cap does not inflate a small server's figure. The {@code --add-opens} are the ones Cohost needs
 * (see {@code ./cohost}); plain Jetty gets them too so the flags stay identical.
 */
public final class ServerJvm {
    public static final List<String> FLAGS = List.of("-Xmx2g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens", "java.sql/java.sql=ALL-UNNAMED");

    private ServerJvm() {}

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
