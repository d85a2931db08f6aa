package io.cohost.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory and threads as the kernel counts them. RSS counts every resident page the process
 * maps, including shared library pages other processes map too; PSS splits each shared page among the
 * processes that map it, so the PSS of N processes adds up to the memory they really take together.
 */
public record ProcessMemory(long rssBytes, long pssBytes, int threads) {
    public static ProcessMemory of(long pid) {
        try {
            long rss = kib(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:") * 1024;
            int threads = (int) kibOrCount(Path.of("/proc", Long.toString(pid), "status"), "Threads:");
            Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
            long pss = Files.isReadable(rollup) ? kib(rollup, "Pss:") * 1024 : rss;
            return new ProcessMemory(rss, pss, threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of process " + pid + ": " + e.getMessage(), e);
        }
    }

    private static long kib(Path file, String key) throws IOException {
        return kibOrCount(file, key);
    }

    private static long kibOrCount(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + key + " in " + file);
    }
}
