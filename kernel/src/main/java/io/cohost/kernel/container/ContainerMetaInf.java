package io.cohost.kernel.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the {@code META-INF} folders of the host's container jars offer every app, read once per host:
 * the tag library descriptors (TLDs) JSP pages name, and whether any of them also carries web
 * fragments or {@code META-INF/resources}, which this shortcut does not replay. The jars are the
 * host's own and do not change while it runs, so mounting and walking them again for each deploy (as
 * Jetty's scan does) would find the same thing at a cost of about a fifth of a small app's deploy.
 *
 * @param tlds          {@code jar:} URLs of every {@code META-INF/**.tld}, in the form Jetty's scan gives
 * @param fragmentsOrResources whether some jar has {@code META-INF/web-fragment.xml} or
 *                      {@code META-INF/resources/}, or is a folder; if so the jars are scanned per app, as Jetty does
 */
record ContainerMetaInf(List<URL> tlds, boolean fragmentsOrResources) {

    static ContainerMetaInf read(List<URI> jars) {
        List<URL> tlds = new ArrayList<>();
        boolean other = false;
        for (URI jar : jars) {
            if (!java.nio.file.Files.isRegularFile(Path.of(jar))) {
                // a class folder (a development build): left to Jetty's scan
                return new ContainerMetaInf(List.of(), true);
            }
            try (JarFile file = new JarFile(Path.of(jar).toFile())) {
                for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                    String name = e.getName();
                    if (!name.startsWith("META-INF/")) {
                        continue;
                    }
                    if (name.equals("META-INF/web-fragment.xml") || name.startsWith("META-INF/resources/")) {
                        other = true;
                    } else if (!e.isDirectory() && name.toLowerCase(Locale.ROOT).endsWith(".tld")) {
                        tlds.add(entryUrl(jar, name));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the host's container jar " + jar + " cannot be read; reinstall the host", e);
            }
        }
        return new ContainerMetaInf(List.copyOf(tlds), other);
    }

    private static URL entryUrl(URI jar, String entry) {
        try {
            return URI.create("jar:" + jar + "!/" + entry).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("no URL for " + entry + " in " + jar, e);
        }
    }
}
