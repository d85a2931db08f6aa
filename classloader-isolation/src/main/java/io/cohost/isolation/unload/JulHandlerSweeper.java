package io.cohost.isolation.unload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Removes {@code java.util.logging} handlers a tenant attached to JVM-wide loggers. */
public final class JulHandlerSweeper {
    private JulHandlerSweeper() {}

    public static List<String> sweep(ClassLoader tenantLoader) {
        List<String> notes = new ArrayList<>();
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger == null) {
                continue;
            }
            for (Handler h : logger.getHandlers()) {
                if (ThreadLocalSweeper.loadedBy(h, tenantLoader)) {
                    logger.removeHandler(h);
                    notes.add("removed logging handler " + h.getClass().getName() + " from logger '" + name + "'");
                }
            }
        }
        return notes;
    }
}
