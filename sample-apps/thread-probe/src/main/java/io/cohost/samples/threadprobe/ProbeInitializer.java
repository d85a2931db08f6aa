package io.cohost.samples.threadprobe;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** Registered through META-INF/services, so the container calls it while the app starts. */
public class ProbeInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
        Probe.record("sci.onStartup");
    }
}
