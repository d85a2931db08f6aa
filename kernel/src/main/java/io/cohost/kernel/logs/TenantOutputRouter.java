package io.cohost.kernel.logs;

import io.cohost.isolation.TenantClassLoader;
import io.cohost.isolation.globals.TenantGlobals;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Sends output that tenant code produces without naming {@code System.out} itself (a library's
 * {@code printStackTrace()}, JDK code, console loggers, {@code java.util.logging}) to the tenant's log.
 * The JVM's {@code System.out}/{@code err} and the root JUL logger are replaced, once, by streams that
 * look at the current thread: on a tenant thread the output goes to that tenant, elsewhere to the
 * host's own console as before.
 */
public final class TenantOutputRouter {
    private static volatile boolean installed;

    private TenantOutputRouter() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        PrintStream hostOut = System.out;
        PrintStream hostErr = System.err;
        System.setOut(new PrintStream(new Routed(hostOut, false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(hostErr, true), true, StandardCharsets.UTF_8));
        java.util.logging.Logger.getLogger("").addHandler(new TenantJulHandler());
    }

    /** The calling thread's tenant, if tenant code is running on it. */
    static TenantGlobals currentTenant() {
        return Thread.currentThread().getContextClassLoader() instanceof TenantClassLoader t
                && t.owner() instanceof TenantGlobals g ? g : null;
    }

    private static final class Routed extends OutputStream {
        private final PrintStream host;
        private final boolean err;

        Routed(PrintStream host, boolean err) {
            this.host = host;
            this.err = err;
        }

        private PrintStream target() {
            TenantGlobals g = currentTenant();
            return g == null ? host : err ? g.err() : g.out();
        }

        @Override
        public void write(int b) {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target().write(b, off, len);
        }

        @Override
        public void flush() {
            target().flush();
        }
    }

    /** Writes JUL records made on tenant threads to the tenant's log. */
    private static final class TenantJulHandler extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            TenantGlobals g = currentTenant();
            if (g != null && isLoggable(record)) {
                g.err().print(formatter.format(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
