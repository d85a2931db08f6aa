package io.cohost.samples.cpuhog;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /spin} loops forever; {@code /spin-catch} loops forever inside {@code catch (Throwable)} and
 * retries; {@code /recurse} recurses deeply, forever; {@code /burn?ms=N} burns N ms of CPU and answers;
 * {@code /spawn} starts a spinning background thread and answers; {@code /thread} names the thread serving it;
 * {@code /deadlock} starts two threads that deadlock; {@code /} answers "hog".
 */
@WebServlet("/*")
public class HogServlet extends HttpServlet {
    static final AtomicLong SINK = new AtomicLong();
    static volatile boolean stop;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (path) {
            case "/spin" -> spin();
            case "/spin-catch" -> spinCatching();
            case "/recurse" -> {
                while (!stop) {
                    try {
                        recurse(0);
                    } catch (StackOverflowError e) {
                        SINK.incrementAndGet();
                    }
                }
            }
            case "/burn" -> {
                long ms = Long.parseLong(req.getParameter("ms") == null ? "100" : req.getParameter("ms"));
                long end = System.nanoTime() + ms * 1_000_000;
                long x = 0;
                while (System.nanoTime() < end) {
                    x += x * 31 + 7;
                }
                SINK.addAndGet(x);
                resp.getWriter().print("burned " + ms + " ms");
            }
            case "/spawn" -> {
                Thread t = new Thread(HogServlet::spin, "cpu-hog-spinner");
                t.start();
                resp.getWriter().print("spawned");
            }
            case "/thread" -> resp.getWriter().print(Thread.currentThread().getName());
            case "/deadlock" -> {
                Object a = new Object();
                Object b = new Object();
                new Thread(() -> lockBoth(a, b), "hog-deadlock-1").start();
                new Thread(() -> lockBoth(b, a), "hog-deadlock-2").start();
                resp.getWriter().print("deadlocking");
            }
            default -> resp.getWriter().print("hog");
        }
    }

    /** A call-free infinite loop: only a back-edge checkpoint can stop it. */
    static void spin() {
        long x = 1;
        while (!stop) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        SINK.set(x);
    }

    static void spinCatching() {
        while (!stop) {
            try {
                spin();
            } catch (Throwable t) {
                SINK.incrementAndGet();
            }
        }
    }

    /** Takes {@code first} then {@code second}; two threads taking them in opposite orders deadlock. */
    static void lockBoth(Object first, Object second) {
        synchronized (first) {
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            synchronized (second) {
                SINK.incrementAndGet();
            }
        }
    }

    static int recurse(int depth) {
        return depth < 0 ? 0 : recurse(depth + 1) + 1;
    }
}
