package io.cohost.kernel.deploy;

import io.cohost.kernel.management.ManagementException;
import io.cohost.kernel.management.ManagementException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks an uploaded WAR before anything is changed: it must be a zip, every entry must stay inside
 * the app's folder when unpacked, it must not inflate beyond a limit (zip bombs lie about their sizes,
 * so the bytes are really inflated and counted), and a {@code WEB-INF/web.xml}, if present, must be
 * well-formed XML. On the way it notes whether the WAR is written for the old {@code javax.servlet}
 * API (a class in {@code WEB-INF/classes} refers to it, or web.xml uses a Java EE namespace), so the
 * deployer can migrate it.
 */
public final class WarInspector {
    private final long maxUnpackedBytes;
    private final int maxEntries;

    public WarInspector(long maxUnpackedBytes, int maxEntries) {
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.maxEntries = maxEntries;
    }

    /** What the inspection found out. {@code javaxEvidence} says why the WAR counts as a javax one, empty if it does not. */
    public record Inspection(String javaxEvidence) {
        public boolean isJavaxServlet() {
            return !javaxEvidence.isEmpty();
        }
    }

    private static final byte[] JAVAX_SERVLET = "javax/servlet/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public Inspection inspect(String app, Path war, long size) {
        if (size == 0) {
            throw invalid(app, "the upload is empty", "send the WAR file as the request body");
        }
        try (ZipFile zip = new ZipFile(war.toFile())) {
            long unpacked = 0;
            int entries = 0;
            String javaxEvidence = "";
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (++entries > maxEntries) {
                    throw invalid(app, "the WAR has more than " + maxEntries + " entries",
                            "this looks like a zip bomb; if the WAR is genuine, raise the host's entry limit");
                }
                requireSafeName(app, entry.getName());
                boolean ownClass = javaxEvidence.isEmpty() && entry.getName().startsWith("WEB-INF/classes/")
                        && entry.getName().endsWith(".class");
                java.io.ByteArrayOutputStream classBytes = ownClass ? new java.io.ByteArrayOutputStream() : null;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (classBytes != null) {
                            classBytes.write(buffer, 0, n);
                        }
                        unpacked += n;
                        if (unpacked > maxUnpackedBytes) {
                            throw invalid(app, "the WAR inflates to more than " + maxUnpackedBytes + " bytes",
                                    "this looks like a zip bomb; if the WAR is genuine, raise the host's unpacked size limit (--max-unpacked-mb)");
                        }
                    }
                }
                if (classBytes != null && contains(classBytes.toByteArray(), JAVAX_SERVLET)) {
                    javaxEvidence = entry.getName() + " uses javax.servlet";
                }
            }
            ZipEntry webXml = zip.getEntry("WEB-INF/web.xml");
            if (webXml != null) {
                try (InputStream in = zip.getInputStream(webXml)) {
                    String namespace = parseXml(app, in);
                    if (javaxEvidence.isEmpty() && JAVA_EE_NAMESPACES.contains(namespace)) {
                        javaxEvidence = "WEB-INF/web.xml uses the Java EE namespace " + namespace;
                    }
                }
            }
            return new Inspection(javaxEvidence);
        } catch (ZipException e) {
            throw invalid(app, "the upload is not a WAR (zip) file: " + e.getMessage(),
                    "build the app with 'mvn package' (packaging war) and upload target/NAME.war");
        } catch (IOException e) {
            throw invalid(app, "the WAR cannot be read: " + e.getMessage(), "upload it again");
        }
    }

    private static void requireSafeName(String app, String name) {
        String n = name.replace('\\', '/');
        boolean escapes = n.startsWith("/") || n.equals("..") || n.startsWith("../") || n.contains("/../")
                || n.endsWith("/..") || (n.length() > 1 && n.charAt(1) == ':');
        if (escapes) {
            throw invalid(app, "the WAR has an entry that points outside the app: '" + name + "'",
                    "entries must be relative paths without '..'; rebuild the WAR with a standard tool");
        }
    }

    /** web.xml namespaces of Servlet 2.5 to 4.0 (javax.servlet); Jakarta EE 9+ uses https://jakarta.ee/xml/ns/jakartaee. */
    private static final java.util.List<String> JAVA_EE_NAMESPACES = java.util.List.of(
            "http://java.sun.com/xml/ns/javaee", "http://xmlns.jcp.org/xml/ns/javaee", "http://java.sun.com/xml/ns/j2ee");

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Parses web.xml; returns the namespace of its root element (empty if none). */
    private static String parseXml(String app, InputStream in) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            String ns = builder.parse(in).getDocumentElement().getNamespaceURI();
            return ns == null ? "" : ns;
        } catch (SAXParseException e) {
            throw invalid(app, "WEB-INF/web.xml is malformed at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), "fix the deployment descriptor and upload again");
        } catch (SAXException e) {
            throw invalid(app, "WEB-INF/web.xml is malformed: " + e.getMessage(), "fix the deployment descriptor and upload again");
        } catch (ParserConfigurationException | IOException e) {
            throw invalid(app, "WEB-INF/web.xml cannot be read: " + e.getMessage(), "upload the WAR again");
        }
    }

    private static ManagementException invalid(String app, String problem, String fix) {
        return new ManagementException(Kind.INVALID, "app '" + app + "': " + problem, fix);
    }
}
