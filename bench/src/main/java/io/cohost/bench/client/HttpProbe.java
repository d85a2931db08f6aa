package io.cohost.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The smallest HTTP/1.1 client: one GET per new connection, {@code Connection: close}, so no idle
 * keep-alive connection outlives a request (an idle connection would keep the last app it served
 * reachable until it closes). Used to detect "the first 200" with as little client-side cost as possible,
 * and to start requests that never finish.
 */
public final class HttpProbe {
    /** Status and body of one response; status -1 if the connection was refused or broke. */
    public record Response(int status, String body) {}

    private HttpProbe() {}

    public static Response get(int port, String path, Duration timeout) {
        try (Socket s = send(port, path)) {
            s.setSoTimeout((int) timeout.toMillis());
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int eol = response.indexOf("\r\n");
            String[] statusLine = (eol < 0 ? response : response.substring(0, eol)).split(" ");
            int body = response.indexOf("\r\n\r\n");
            int status = statusLine.length >= 2 && statusLine[0].startsWith("HTTP/") ? Integer.parseInt(statusLine[1]) : -1;
            return new Response(status, body < 0 ? "" : response.substring(body + 4));
        } catch (IOException | NumberFormatException e) {
            return new Response(-1, "");
        }
    }

    /** The status of {@code GET path}, or -1 if the connection was refused or broke. */
    public static int status(int port, String path) {
        return get(port, path, Duration.ofSeconds(10)).status();
    }

    private static Socket send(int port, String path) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Starts requests without waiting for their answers (some never come: runaway code); closing the
     * result closes their connections.
     */
    public static AutoCloseable startAll(int port, List<String> paths) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (String p : paths) {
            sockets.add(send(port, p));
        }
        return () -> {
            for (Socket s : sockets) {
                s.close();
            }
        };
    }

    /**
     * Polls {@code GET path} every {@code interval} until it answers 200 and returns {@link System#nanoTime()}
     * of that answer; the measurement's resolution is the interval.
     */
    public static long awaitOk(int port, String path, Duration timeout, Duration interval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(port, path);
            if (last == 200) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(interval.toNanos());
        }
        throw new IllegalStateException("GET " + path + " on port " + port + " did not answer 200 within " + timeout.toSeconds()
                + " s (last status " + last + ")");
    }
}
