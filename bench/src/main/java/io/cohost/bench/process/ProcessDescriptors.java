package io.cohost.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A process's open file descriptors, read from {@code /proc/PID/fd}, and its limit (its {@code ulimit -n}). */
public final class ProcessDescriptors {
    private ProcessDescriptors() {}

    /** The descriptors the process has open now: the entries of {@code /proc/PID/fd}. */
    public static long open(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/" + pid + "/fd", e);
        }
    }

    /** The soft limit on open files from {@code /proc/PID/limits}, or -1 if it cannot be read. */
    public static long limit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone: the results say "unknown"
        }
        return -1;
    }
}
