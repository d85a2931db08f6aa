package io.cohost.samples.leaky;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.management.ObjectName;

/**
 * Starts everything a careless app leaves running and never cleans any of it up in
 * contextDestroyed: the host must.
 */
@WebListener
public class LeakyListener implements ServletContextListener {
    /** A static cache: pins whatever it holds for as long as the class lives. */
    static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();
    static final ThreadLocal<Object> LOCAL = new ThreadLocal<>();

    public interface LeakMBean {
        int getSize();
    }

    public static final class Leak implements LeakMBean {
        @Override
        public int getSize() {
            return CACHE.size();
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        CACHE.put("blob", new byte[256 * 1024]);
        try {
            // a ThreadLocal on a thread the app does not own (the JVM-wide common pool)
            CompletableFuture.runAsync(() -> LOCAL.set(new Leak())).get();
            new Timer("leaky-timer", true).schedule(new TimerTask() {
                @Override
                public void run() {
                    CACHE.size();
                }
            }, 10, 10);
            ExecutorService pool = Executors.newCachedThreadPool();
            pool.submit(() -> CACHE.size());
            Executors.newFixedThreadPool(2).submit(() -> CACHE.size());
            DriverManager.registerDriver(new LeakyDriver());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> CACHE.clear(), "leaky-hook"));
            ManagementFactory.getPlatformMBeanServer().registerMBean(new Leak(), new ObjectName("cohost.samples:type=Leak"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
