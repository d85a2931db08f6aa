package io.cohost.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code cohost} command line as a real child process: the current {@code java}, the test
 * class path (which holds the kernel and this module), and {@code io.cohost.kernel.cli.CohostCli}.
 */
final class CliProcess {
    private CliProcess() {}

    record Result(int exitCode, String stdout, String stderr) {}

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // A CLI call is short: the quick first JIT tier is enough and starts faster.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.cohost.kernel.cli.CohostCli");
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a command to its end; its output goes to files, so a chatty child can never block on a full pipe. */
    static Result run(Path scratch, String... args) {
        try {
            Path out = Files.createTempFile(scratch, "cli-", ".out");
            Path err = Files.createTempFile(scratch, "cli-", ".err");
            Process process = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("cohost " + String.join(" ", args) + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
