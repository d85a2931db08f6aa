package io.cohost.samples.fdleak;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Misbehaves with files, sockets and processes on request; every answer is plain text, and a refusal
 * is answered as {@code refused: EXCEPTION: MESSAGE}.
 *
 * <pre>
 * /open?n=N          opens N files and keeps them open            opened K[; refused: ...]
 * /sockets?n=N       opens N loopback connections to its listener connected K[; refused: ...]
 * /read?path=P       reads a file (api=io: FileInputStream;         read N bytes
 *                    api=pool: on the common fork-join pool; api=virtual: on a virtual thread, JDK 21+)
 * /write?path=P      writes a file                                 wrote P
 * /exec              starts a process (api=runtime: Runtime.exec)  started
 * /block             reads a socket that never answers             released: EXCEPTION (once the host closes it)
 * /zip               opens (and keeps) a ZipFile of its own        entries N
 * /http?url=U        GETs U with a kept HttpClient                 status S
 * /connect?host=H&amp;port=P   connects and closes                     connected
 * /tmpfile           creates a temporary file                      its path
 * /release           closes everything kept                        released K
 * </pre>
 */
@WebServlet("/*")
public class LeakServlet extends HttpServlet {
    private static ServerSocket listener;
    private static ServerSocket silent;
    private static HttpClient http;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        resp.setContentType("text/plain");
        String answer;
        try {
            answer = switch (path) {
                case "/open" -> open(count(req));
                case "/sockets" -> sockets(count(req));
                case "/read" -> readWith(req.getParameter("api"), req.getParameter("path"));
                case "/write" -> write(req.getParameter("path"));
                case "/exec" -> exec("runtime".equals(req.getParameter("api")));
                case "/block" -> block();
                case "/zip" -> zip();
                case "/http" -> http(req.getParameter("url"));
                case "/connect" -> connect(req.getParameter("host"), Integer.parseInt(req.getParameter("port")));
                case "/tmpfile" -> File.createTempFile("fd-leak", ".tmp").getPath();
                case "/release" -> "released " + Held.release();
                case "/held" -> "held " + Held.size();
                default -> "unknown: " + path;
            };
        } catch (Exception e) {
            answer = "refused: " + e;
        }
        resp.getWriter().print(answer);
    }

    private static int count(HttpServletRequest req) {
        return Integer.parseInt(req.getParameter("n") == null ? "1" : req.getParameter("n"));
    }

    private static String open(int n) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "leak.txt");
        if (!Files.exists(file)) {
            Files.writeString(file, "leaked");
        }
        int opened = 0;
        try {
            for (; opened < n; opened++) {
                Held.add(new FileInputStream(file.toFile()));
            }
            return "opened " + opened;
        } catch (IOException e) {
            return "opened " + opened + "; refused: " + e;
        }
    }

    private static synchronized ServerSocket listener() throws IOException {
        if (listener == null) {
            listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        Held.add(listener.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fd-leak-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return listener;
    }

    private static String sockets(int n) throws IOException {
        int port = listener().getLocalPort();
        int connected = 0;
        try {
            for (; connected < n; connected++) {
                Held.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            return "connected " + connected;
        } catch (IOException e) {
            return "connected " + connected + "; refused: " + e;
        }
    }

    private static String readWith(String api, String path) throws Exception {
        if ("pool".equals(api)) {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> readOrRefusal(path)).get();
        }
        if ("virtual".equals(api)) {
            // Thread.startVirtualThread (JDK 21+), called reflectively: the app is compiled for 17
            String[] answer = new String[1];
            Thread t = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
                    .invoke(null, (Runnable) () -> answer[0] = readOrRefusal(path));
            t.join();
            return answer[0];
        }
        return read(path, "io".equals(api));
    }

    private static String readOrRefusal(String path) {
        try {
            return read(path, false);
        } catch (Exception e) {
            return "refused: " + e;
        }
    }

    private static String read(String path, boolean javaIo) throws IOException {
        if (javaIo) {
            try (InputStream in = new FileInputStream(path)) {
                return "read " + in.readAllBytes().length + " bytes";
            }
        }
        return "read " + Files.readAllBytes(Path.of(path)).length + " bytes";
    }

    private static String write(String path) throws IOException {
        Files.writeString(Path.of(path), "written by fd-leak");
        return "wrote " + path;
    }

    private static String exec(boolean runtime) throws IOException, InterruptedException {
        Process p = runtime ? Runtime.getRuntime().exec(new String[] {"true"}) : new ProcessBuilder("true").start();
        return "started, exit " + p.waitFor();
    }

    /** A listener that never accepts: the connection completes in its backlog, and a read waits forever. */
    private static String block() {
        try {
            synchronized (LeakServlet.class) {
                if (silent == null) {
                    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                }
            }
            Socket s = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
            Held.add(s);
            int b = s.getInputStream().read();
            return "answered " + b;
        } catch (IOException e) {
            return "released: " + e;
        }
    }

    private static String zip() throws IOException {
        Path zip = Path.of(System.getProperty("java.io.tmpdir"), "own.zip");
        if (!Files.exists(zip)) {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry("hello.txt"));
                out.write("hello".getBytes());
            }
        }
        ZipFile file = new ZipFile(zip.toFile());
        Held.add(file);
        return "entries " + file.size();
    }

    private static String http(String url) throws IOException, InterruptedException {
        synchronized (LeakServlet.class) {
            if (http == null) {
                http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            }
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return "status " + r.statusCode();
    }

    private static String connect(String host, int port) throws IOException {
        try (Socket s = new Socket(host, port)) {
            return "connected";
        }
    }
}
