package io.cohost.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that measures one thing and exits, answering with one line {@code bench> ok key=value ...}
 * on its standard output (the same reply format as {@link ChildServer}); its standard error goes to a
 * log file, named in the exception if it fails.
 */
public final class OneShotJvm {
    private OneShotJvm() {}

    /** Runs {@code command} to its end and returns the key=value pairs of its {@code ok} line. */
    public static Map<String, String> run(String name, List<String> command, Path logDir, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        // its only output is one short line, which fits in the pipe: waiting before reading cannot block it
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + ": did not finish within " + timeout.toSeconds() + " s; see " + log);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String ok = ChildServer.REPLY + "ok";
        return out.lines().filter(l -> l.startsWith(ok)).findFirst()
                .map(l -> ChildServer.parse(l.substring(ok.length())))
                .orElseThrow(() -> new IllegalStateException(name + ": exited with " + p.exitValue() + " without a result; see " + log));
    }
}
