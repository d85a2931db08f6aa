package io.cohost.samples.globalmutator;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.TimeZone;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Each endpoint changes or reads one piece of JVM-global state:
 * {@code /property?key=K[&value=V]}, {@code /locale[?tag=T]}, {@code /timezone[?id=Z]},
 * {@code /handler[?set=true]}, {@code /stdout?print=M} (after {@code /setout} captures stdout),
 * {@code /mbean?register=true&value=N} and {@code /mbean} (an MBean with a fixed name);
 * {@code /forname?class=X} says whether the app can load class X; {@code /hook?file=F} registers a
 * shutdown hook that writes F; {@code /native} tries to load a native library.
 */
@WebServlet("/*")
public class MutatorServlet extends HttpServlet {
    static final String MBEAN = "cohost.samples:type=Counter,name=fixed";
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();

    public interface CounterMBean {
        int getValue();
    }

    public static final class Counter implements CounterMBean {
        private final int value;

        Counter(int value) {
            this.value = value;
        }

        @Override
        public int getValue() {
            return value;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        resp.setContentType("text/plain;charset=utf-8");
        String answer;
        try {
            answer = switch (path) {
                case "/property" -> {
                    if (req.getParameter("value") != null) {
                        System.setProperty(req.getParameter("key"), req.getParameter("value"));
                    }
                    yield String.valueOf(System.getProperty(req.getParameter("key")));
                }
                case "/locale" -> {
                    if (req.getParameter("tag") != null) {
                        Locale.setDefault(Locale.forLanguageTag(req.getParameter("tag")));
                    }
                    yield Locale.getDefault().toLanguageTag();
                }
                case "/timezone" -> {
                    if (req.getParameter("id") != null) {
                        TimeZone.setDefault(TimeZone.getTimeZone(req.getParameter("id")));
                    }
                    yield TimeZone.getDefault().getID();
                }
                case "/handler" -> {
                    if ("true".equals(req.getParameter("set"))) {
                        Thread.setDefaultUncaughtExceptionHandler((t, e) -> { });
                    }
                    Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
                    yield h == null ? "none" : "set";
                }
                case "/setout" -> {
                    System.setOut(new PrintStream(CAPTURED, true));
                    yield "captured";
                }
                case "/stdout" -> {
                    System.out.println(req.getParameter("print"));
                    yield CAPTURED.toString();
                }
                case "/mbean" -> {
                    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                    ObjectName name = new ObjectName(MBEAN);
                    if ("true".equals(req.getParameter("register"))) {
                        server.registerMBean(new Counter(Integer.parseInt(req.getParameter("value"))), name);
                    }
                    yield server.isRegistered(name) ? String.valueOf(server.getAttribute(name, "Value")) : "unregistered";
                }
                case "/hook" -> {
                    java.nio.file.Path file = java.nio.file.Path.of(req.getParameter("file"));
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            java.nio.file.Files.writeString(file, "hook ran");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
                    yield "hook registered";
                }
                case "/jul" -> {
                    java.util.logging.Logger.getLogger("global.mutator").warning(req.getParameter("msg"));
                    System.err.println("stderr: " + req.getParameter("msg"));
                    yield "logged";
                }
                case "/native" -> {
                    System.loadLibrary("cohost-sample-native");
                    yield "loaded";
                }
                case "/forname" -> {
                    try {
                        Class.forName(req.getParameter("class"));
                        yield "found";
                    } catch (ClassNotFoundException | NoClassDefFoundError e) {
                        yield "absent";
                    }
                }
                default -> "global-mutator";
            };
        } catch (Exception | LinkageError e) {
            answer = "error: " + e;
        }
        resp.getWriter().print(answer);
    }
}
