package io.cohost.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the results were measured on: cores, memory, CPU, kernel, JDK, and the load at a given moment. */
public final class Machine {
    private Machine() {}

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    }

    public static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Fmt.num(Long.parseLong(v.replace("kB", "").trim()) / 1024.0 / 1024.0, 1) + " GiB")
                .orElse("unknown");
    }

    public static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The 1-minute load average. */
    public static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The three load averages as /proc/loadavg writes them: {@code 0.52 0.80 1.10}. */
    public static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public static String markdown() {
        return "| | |\n|---|---|\n"
                + "| CPU | " + cores() + " cores, " + cpuModel() + " |\n"
                + "| memory | " + memory() + " |\n"
                + "| kernel | Linux " + kernel() + " |\n"
                + "| JDK | " + jdk() + " |\n";
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return java.util.Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux: the caller says "unknown"
        }
        return java.util.Optional.empty();
    }
}
