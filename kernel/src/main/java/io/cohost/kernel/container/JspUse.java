package io.cohost.kernel.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Whether an app can need the JSP engine: it has pages, tag files or tag libraries in its WAR, in the
 * {@code META-INF/resources} or {@code META-INF} of a jar in {@code WEB-INF/lib}, or on the class path
 * its descriptor adds; or its {@code web.xml} configures JSP ({@code <jsp-config>}, {@code <jsp-file>},
 * {@code <taglib>}, the {@code jsp} servlet). An app that cannot is started without it: no Jasper
 * initializer scanning tag libraries, no JSP servlet, which saves about a quarter of a small app's
 * deploy time and a tenth of its memory (figures 1 and 2).
 *
 * <p>The answer for a WAR is kept on disk by its version (the SHA-256 of its content), beside the
 * transformed-class cache: reading a large {@code WEB-INF/lib} takes a few hundred milliseconds, and a
 * redeploy, a restart or another app with the same WAR should not pay it again.
 */
public final class JspUse {
    private static final Pattern JSP_FILE = Pattern.compile(".*\\.(jsp|jspx|jspf|tag|tagx|tld)$");
    private static final Pattern JSP_IN_WEB_XML = Pattern.compile("<jsp-config|<jsp-file|<taglib|<servlet-name>\\s*jsp\\s*</servlet-name>");

    private static final String USES = "jsp";
    private static final String NONE = "none";

    private final Path cacheDir;

    /** @param cacheDir where the answer for each WAR version is kept */
    public JspUse(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * True if the app at {@code war}, a WAR file whose content has the hash {@code version}, with these
     * extra class path entries, may serve JSP.
     */
    public boolean of(Path war, String version, List<String> classPath) throws IOException {
        if (warUsesJsp(war, version)) {
            return true;
        }
        for (String entry : classPath) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) ? directoryHasJsp(p) : Files.isRegularFile(p) && jarUsesJsp(p)) {
                return true;
            }
        }
        return false;
    }

    private boolean warUsesJsp(Path war, String version) throws IOException {
        Path known = cacheDir.resolve(version + ".jsp");
        if (Files.isRegularFile(known)) {
            String answer = Files.readString(known, StandardCharsets.UTF_8).trim();
            if (answer.equals(USES) || answer.equals(NONE)) {
                return answer.equals(USES);
            }
        }
        boolean uses = scanWar(war);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, version, ".tmp");
        Files.writeString(tmp, uses ? USES : NONE, StandardCharsets.UTF_8);
        Files.move(tmp, known, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return uses;
    }

    private static boolean scanWar(Path war) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (isJspFile(name)) {
                    return true;
                }
                if (name.equals("WEB-INF/web.xml")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        if (JSP_IN_WEB_XML.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).find()) {
                            return true;
                        }
                    }
                }
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
                    try (ZipInputStream jar = new ZipInputStream(zip.getInputStream(e))) {
                        if (jarUsesJsp(jar)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean jarUsesJsp(Path jar) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            return jarUsesJsp(in);
        }
    }

    /** Pages under {@code META-INF/resources}, tag libraries and tag files under {@code META-INF}, JSP in a web fragment. */
    private static boolean jarUsesJsp(ZipInputStream jar) throws IOException {
        for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
            String name = e.getName();
            if (name.startsWith("META-INF/") && isJspFile(name)) {
                return true;
            }
            if (name.equals("META-INF/web-fragment.xml")
                    && JSP_IN_WEB_XML.matcher(new String(jar.readAllBytes(), StandardCharsets.UTF_8)).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean directoryHasJsp(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> isJspFile(dir.relativize(f).toString().replace('\\', '/')));
        }
    }

    private static boolean isJspFile(String name) {
        return JSP_FILE.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }
}
