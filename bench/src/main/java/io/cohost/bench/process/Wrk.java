package io.cohost.bench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (the Debian package) on loopback: closed-loop load with a fixed number of connections, pinned to
 * one core with taskset. {@link #start} launches it and {@link Running#await} parses its report, so two
 * wrk processes can load two servers at the same instant.
 */
public final class Wrk {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    /** One wrk report: requests per second, latency percentiles in microseconds, and failed requests. */
    public record Result(double requestsPerSecond, double p50Micros, double p90Micros, double p99Micros, long requests, long errors) {}

    private Wrk() {}

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static List<String> command(OptionalInt core, int connections, Duration duration, String url) {
        List<String> cmd = new ArrayList<>();
        core.ifPresent(c -> cmd.addAll(List.of("taskset", "-c", Integer.toString(c))));
        cmd.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency", url));
        return cmd;
    }

    public static Running start(OptionalInt core, int connections, Duration duration, String url) throws IOException {
        return new Running(new ProcessBuilder(command(core, connections, duration, url)).redirectErrorStream(true).start());
    }

    /** A wrk run in progress. */
    public static final class Running {
        private final Process process;

        Running(Process process) {
            this.process = process;
        }

        public Result await() throws IOException, InterruptedException {
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("wrk failed: " + out);
            }
            return parse(out);
        }
    }

    static Result parse(String out) throws IOException {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IOException("no Requests/sec in wrk's report: " + out);
        }
        double p50 = Double.NaN, p90 = Double.NaN, p99 = Double.NaN;
        Matcher m = PERCENTILE.matcher(out);
        while (m.find()) {
            double micros = Double.parseDouble(m.group(2)) * switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "us" -> 1;
                case "ms" -> 1_000;
                default -> 1_000_000;
            };
            switch (m.group(1)) {
                case "50" -> p50 = micros;
                case "90" -> p90 = micros;
                case "99" -> p99 = micros;
                default -> { }
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Matcher req = REQUESTS.matcher(out);
        long requests = req.find() ? Long.parseLong(req.group(1)) : 0;
        return new Result(Double.parseDouble(rps.group(1)), p50, p90, p99, requests, errors);
    }
}
