package io.cohost.samples.threadbomb;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code /bomb?max=N} starts sleeping threads until refused (or N started) and answers
 * "started K; refused: MESSAGE". The threads wait until {@code /release}.
 */
@WebServlet("/*")
public class BombServlet extends HttpServlet {
    private static volatile CountDownLatch hold = new CountDownLatch(1);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (path.equals("/release")) {
            hold.countDown();
            hold = new CountDownLatch(1);
            resp.getWriter().print("released");
            return;
        }
        int max = Integer.parseInt(req.getParameter("max") == null ? "100000" : req.getParameter("max"));
        CountDownLatch latch = hold;
        int started = 0;
        String refused = "none";
        try {
            while (started < max) {
                Thread t = new Thread(() -> {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bomb-" + started);
                t.start();
                started++;
            }
        } catch (Throwable t) {
            refused = t.getClass().getName() + ": " + t.getMessage();
        }
        resp.getWriter().print("started " + started + "; refused: " + refused);
    }
}
