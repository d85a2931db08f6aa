package io.cohost.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The smallest HTTP/1.1 client: one GET on a new connection, returning the status code. Used to
 * detect "the first 200" with as little client-side cost as possible.
 */
public final class HttpProbe {
    private HttpProbe() {}

    /** The status of {@code GET path}, or -1 if the connection was refused or broke. */
    public static int status(int port, String path) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                line.append((char) c);
            }
            in.readAllBytes();
            String[] parts = line.toString().split(" ");
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
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
