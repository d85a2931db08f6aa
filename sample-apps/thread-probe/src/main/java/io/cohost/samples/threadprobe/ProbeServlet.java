package io.cohost.samples.threadprobe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One endpoint per kind of callback. Each records the thread group it ran on; {@code /report} lists them.
 */
@WebServlet(urlPatterns = "/*", loadOnStartup = 1, asyncSupported = true)
public class ProbeServlet extends HttpServlet {

    @Override
    public void init() {
        Probe.record("servlet.init");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
            Probe.record("async.dispatch");
            text(resp, "dispatched");
            return;
        }
        Probe.record("servlet.service");
        switch (path) {
            case "/report" -> text(resp, Probe.report());
            case "/destroy-log" -> {
                Probe.destroyLog = req.getParameter("path");
                text(resp, "ok");
            }
            case "/async-start" -> {
                AsyncContext ac = req.startAsync();
                ac.start(() -> {
                    Probe.record("async.start");
                    try {
                        text((HttpServletResponse) ac.getResponse(), "started");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    ac.complete();
                });
            }
            case "/async-dispatch" -> req.startAsync().dispatch();
            case "/async-timeout" -> {
                AsyncContext ac = req.startAsync();
                ac.setTimeout(50);
                ac.addListener(new AsyncListener() {
                    @Override public void onTimeout(AsyncEvent event) throws IOException {
                        Probe.record("async.onTimeout");
                        text((HttpServletResponse) event.getAsyncContext().getResponse(), "timed out");
                        event.getAsyncContext().complete();
                    }
                    @Override public void onComplete(AsyncEvent event) { Probe.record("async.onComplete"); }
                    @Override public void onError(AsyncEvent event) {}
                    @Override public void onStartAsync(AsyncEvent event) {}
                });
            }
            case "/read" -> readAsync(req, resp);
            case "/write" -> writeAsync(req, resp);
            default -> text(resp, "probe");
        }
    }

    private static void readAsync(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext ac = req.startAsync();
        ServletInputStream in = req.getInputStream();
        byte[] buffer = new byte[8192];
        long[] total = {0};
        in.setReadListener(new ReadListener() {
            @Override public void onDataAvailable() throws IOException {
                Probe.record("read.onDataAvailable");
                while (in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    total[0] += n;
                }
            }
            @Override public void onAllDataRead() throws IOException {
                Probe.record("read.onAllDataRead");
                text(resp, "read " + total[0]);
                ac.complete();
            }
            @Override public void onError(Throwable t) {
                ac.complete();
            }
        });
    }

    /** Writes more than one socket buffer so that at least one wake-up comes from the container. */
    private static void writeAsync(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext ac = req.startAsync();
        resp.setContentType("application/octet-stream");
        ServletOutputStream out = resp.getOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int[] left = {Integer.parseInt(req.getParameter("chunks") == null ? "64" : req.getParameter("chunks"))};
        out.setWriteListener(new WriteListener() {
            @Override public void onWritePossible() throws IOException {
                Probe.record("write.onWritePossible");
                while (out.isReady()) {
                    if (left[0]-- <= 0) {
                        ac.complete();
                        return;
                    }
                    out.write(chunk);
                }
            }
            @Override public void onError(Throwable t) {
                ac.complete();
            }
        });
    }

    private static void text(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
