package io.cohost.samples.threadprobe;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

@WebListener
public class ProbeListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent sce) {
        Probe.record("listener.contextInitialized");
    }

    /** The report is gone once the app stops, so this one writes its group to a file the test named. */
    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        String log = Probe.destroyLog;
        if (log == null) {
            return;
        }
        try {
            Files.writeString(Path.of(log), Thread.currentThread().getThreadGroup().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
