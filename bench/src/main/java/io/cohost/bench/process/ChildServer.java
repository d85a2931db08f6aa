package io.cohost.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server JVM started by the harness and driven through a line protocol on its standard input and
 * output (see {@code io.cohost.bench.server.CommandLoop}): the harness writes a command, the server
 * answers one line {@code bench> ok key=value ...} or {@code bench> error message}. Its standard error
 * (the server's log) goes to a file, so a failed run can be read afterwards.
 */
public final class ChildServer implements AutoCloseable {
    public static final String REPLY = "bench> ";

    private final String name;
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Path log;
    private Map<String, String> ready = Map.of();

    private ChildServer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "bench-reader-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server and waits for its {@code ready} line. */
    public static ChildServer start(String name, List<String> command, Path logDir, Duration startTimeout) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        ChildServer server = new ChildServer(name, p, log);
        server.ready = server.await("ready", startTimeout);
        return server;
    }

    public long pid() {
        return process.pid();
    }

    /** The port the server listens on, as its ready line said. */
    public int port() {
        return Integer.parseInt(ready.get("port"));
    }

    public String name() {
        return name;
    }

    /** Sends one command and returns the key=value pairs of its {@code ok} reply. */
    public Map<String, String> send(String command, Duration timeout) {
        in.println(command);
        if (in.checkError()) {
            throw new IllegalStateException(name + ": cannot send '" + command + "': the server has exited; see " + log);
        }
        return await(command, timeout);
    }

    public Map<String, String> send(String command) {
        return send(command, Duration.ofMinutes(2));
    }

    private Map<String, String> await(String what, Duration timeout) {
        String line;
        try {
            line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted waiting for '" + what + "'");
        }
        if (line == null) {
            throw new IllegalStateException(name + ": no answer to '" + what + "' within " + timeout.toSeconds() + " s"
                    + (process.isAlive() ? "" : " (the server exited with " + process.exitValue() + ")") + "; see " + log);
        }
        if (line.startsWith("error")) {
            throw new IllegalStateException(name + ": '" + what + "' failed: " + line.substring(5).trim() + "; see " + log);
        }
        return parse(line);
    }

    static Map<String, String> parse(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                values.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return values;
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(REPLY)) {
                    replies.add(line.substring(REPLY.length()));
                }
            }
        } catch (IOException e) {
            // the process ended; a pending send reports it
        }
    }

    /** Asks the server to quit, and ends it if it does not within a few seconds. */
    @Override
    public void close() {
        try {
            in.println("quit");
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
