package io.cohost.kernel.container;

import io.cohost.kernel.sandbox.HostScope;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.annotations.AnnotationParser;
import org.eclipse.jetty.annotations.AnnotationParser.ClassInfo;
import org.eclipse.jetty.annotations.AnnotationParser.FieldInfo;
import org.eclipse.jetty.annotations.AnnotationParser.Handler;
import org.eclipse.jetty.annotations.AnnotationParser.MethodInfo;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * What Jetty's annotation parser reports for the container jars (class hierarchy, annotations), parsed
 * once for the host's life and replayed into every app's scan. The container jars never change while
 * the host runs, yet parsing them took most of a small app's deploy time (about 130 of 170 ms for
 * {@code hello}).
 */
final class ContainerJarScan {
    private static final Object LOCK = new Object();
    private static List<Consumer<Handler>> events; // guarded by LOCK until set

    private ContainerJarScan() {}

    /** Hands every event the parser reported for {@code jars} to each of {@code handlers}, in the parser's order. */
    static void replay(Set<? extends Handler> handlers, List<URI> jars) throws Exception {
        for (Consumer<Handler> event : events(jars)) {
            for (Handler h : handlers) {
                event.accept(h);
            }
        }
    }

    private static List<Consumer<Handler>> events(List<URI> jars) throws Exception {
        synchronized (LOCK) {
            if (events == null) {
                events = parse(jars);
            }
            return events;
        }
    }

    private static List<Consumer<Handler>> parse(List<URI> jars) throws Exception {
        Recorder recorder = new Recorder();
        // the host's jars, read for the host: not an app's file, whichever thread gets here first
        try (HostScope scope = HostScope.enter(); ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
            AnnotationParser parser = new AnnotationParser();
            for (URI jar : jars) {
                parser.parse(Set.of(recorder), resources.newResource(jar));
            }
        }
        return List.copyOf(recorder.events);
    }

    /** Keeps each callback as a replayable step. */
    private static final class Recorder implements Handler {
        final List<Consumer<Handler>> events = new ArrayList<>();

        @Override
        public void handle(ClassInfo info) {
            events.add(h -> h.handle(info));
        }

        @Override
        public void handle(MethodInfo info) {
            events.add(h -> h.handle(info));
        }

        @Override
        public void handle(FieldInfo info) {
            events.add(h -> h.handle(info));
        }

        @Override
        public void handle(ClassInfo info, String annotation) {
            events.add(h -> h.handle(info, annotation));
        }

        @Override
        public void handle(MethodInfo info, String annotation) {
            events.add(h -> h.handle(info, annotation));
        }

        @Override
        public void handle(FieldInfo info, String annotation) {
            events.add(h -> h.handle(info, annotation));
        }
    }
}
