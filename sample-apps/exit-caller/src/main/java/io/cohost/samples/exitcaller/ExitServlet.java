package io.cohost.samples.exitcaller;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * {@code /VARIANT?status=N} calls one way of ending the JVM: system-exit, runtime-exit, runtime-halt,
 * reflect-exit, reflect-halt, handle-exit, method-ref-exit. {@code /} answers "alive".
 */
@WebServlet("/*")
public class ExitServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int status = req.getParameter("status") == null ? 3 : Integer.parseInt(req.getParameter("status"));
        String variant = req.getPathInfo() == null ? "/" : req.getPathInfo();
        try {
            switch (variant) {
                case "/system-exit" -> System.exit(status);
                case "/runtime-exit" -> Runtime.getRuntime().exit(status);
                case "/runtime-halt" -> Runtime.getRuntime().halt(status);
                case "/reflect-exit" -> System.class.getMethod("exit", int.class).invoke(null, status);
                case "/reflect-halt" -> Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), status);
                case "/handle-exit" -> MethodHandles.lookup()
                        .findStatic(System.class, "exit", MethodType.methodType(void.class, int.class)).invokeExact(status);
                case "/method-ref-exit" -> {
                    IntConsumer exit = System::exit;
                    exit.accept(status);
                }
                default -> {
                    resp.getWriter().print("alive");
                    return;
                }
            }
        } catch (Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            if (t instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
        resp.getWriter().print("still running after " + variant);
    }
}
