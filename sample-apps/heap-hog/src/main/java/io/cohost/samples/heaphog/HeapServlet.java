package io.cohost.samples.heaphog;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /retain?mb=N} keeps N MiB more in a static list; {@code /release} drops it; {@code /grow} retains
 * as fast as it can until stopped, printing its progress; {@code /churn?ms=T} allocates for T ms and keeps
 * nothing; {@code /session-bloat?mb=N} puts N MiB in the caller's session; {@code /} answers "heap-hog".
 * Chunks are 64 KiB: below G1's humongous threshold, so the heap holds what the app holds.
 */
@WebServlet("/*")
public class HeapServlet extends HttpServlet {
    private static final int CHUNK = 64 * 1024;
    static final List<byte[]> RETAINED = new ArrayList<>();
    static final AtomicLong SINK = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        resp.setContentType("text/plain");
        switch (path) {
            case "/retain" -> {
                int mb = Integer.parseInt(req.getParameter("mb"));
                synchronized (RETAINED) {
                    for (int i = 0; i < mb * (1024 * 1024 / CHUNK); i++) {
                        RETAINED.add(new byte[CHUNK]);
                    }
                    resp.getWriter().print("retaining " + (RETAINED.size() * (long) CHUNK >> 20) + " MiB");
                }
            }
            case "/release" -> {
                synchronized (RETAINED) {
                    RETAINED.clear();
                }
                resp.getWriter().print("released");
            }
            case "/grow" -> {
                long chunks = 0;
                while (true) {
                    synchronized (RETAINED) {
                        RETAINED.add(new byte[CHUNK]);
                    }
                    if (++chunks % 256 == 0) {
                        System.out.println("heap-hog retained " + (chunks * CHUNK >> 20) + " MiB at " + System.currentTimeMillis());
                    }
                }
            }
            case "/churn" -> {
                long until = System.nanoTime() + Long.parseLong(req.getParameter("ms") == null ? "1000" : req.getParameter("ms")) * 1_000_000;
                long n = 0;
                while (System.nanoTime() < until) {
                    byte[] garbage = new byte[CHUNK];
                    garbage[(int) (n++ % CHUNK)] = 1;
                    SINK.addAndGet(garbage[0]);
                }
                resp.getWriter().print("churned " + (n * CHUNK >> 20) + " MiB");
            }
            case "/session-bloat" -> {
                int mb = Integer.parseInt(req.getParameter("mb") == null ? "16" : req.getParameter("mb"));
                List<byte[]> blob = new ArrayList<>();
                for (int i = 0; i < mb * (1024 * 1024 / CHUNK); i++) {
                    blob.add(new byte[CHUNK]);
                }
                req.getSession(true).setAttribute("blob-" + System.nanoTime(), blob);
                resp.getWriter().print("session holds " + mb + " MiB more");
            }
            default -> resp.getWriter().print("heap-hog");
        }
    }
}
