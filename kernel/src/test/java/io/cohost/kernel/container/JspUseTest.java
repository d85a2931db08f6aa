package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every place a JSP page, tag file or tag library can come from makes an app need the JSP engine. */
class JspUseTest {
    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
    private static final String PLAIN_WEB_XML = "<web-app><servlet><servlet-name>hi</servlet-name></servlet></web-app>";

    @TempDir
    Path dir;

    private JspUse jspUse;
    private int versions;

    @BeforeEach
    void cacheUnderTheTestDirectory() {
        jspUse = new JspUse(dir.resolve("cache"));
    }

    /** Each WAR a test builds is a new version, as its content hash would be. */
    private boolean usesJsp(Path war, List<String> classPath) throws IOException {
        return jspUse.of(war, "v" + (++versions), classPath);
    }

    @Test
    void classesAStaticPageAndAPlainWebXmlNeedNoJsp() throws Exception {
        Path war = zip("plain.war", Map.of("WEB-INF/classes/a/Hi.class", CLASS, "index.html", bytes("<p>hi"),
                "WEB-INF/web.xml", bytes(PLAIN_WEB_XML), "WEB-INF/lib/util.jar", zipBytes(Map.of("a/Util.class", CLASS,
                        "META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\n")))));

        assertThat(usesJsp(war, List.of())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"index.jsp", "pages/Form.JSPX", "WEB-INF/jspf/header.jspf", "WEB-INF/tags/panel.tag",
            "WEB-INF/tags/box.tagx", "WEB-INF/my.tld"})
    void aPageTagFileOrTagLibraryInTheWarNeedsJsp(String entry) throws Exception {
        assertThat(usesJsp(zip("app.war", Map.of(entry, bytes("x"))), List.of())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<jsp-config><jsp-property-group/></jsp-config>", "<servlet><jsp-file>/x.html</jsp-file></servlet>",
            "<taglib><taglib-uri>u</taglib-uri></taglib>", "<servlet-mapping><servlet-name>jsp</servlet-name><url-pattern>*.html</url-pattern></servlet-mapping>"})
    void aWebXmlThatConfiguresJspNeedsIt(String fragment) throws Exception {
        Path war = zip("app.war", Map.of("WEB-INF/web.xml", bytes("<web-app>" + fragment + "</web-app>")));

        assertThat(usesJsp(war, List.of())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"META-INF/resources/inner.jsp", "META-INF/c.tld", "META-INF/tags/x.tag"})
    void aLibraryJarWithPagesOrTagLibrariesNeedsJsp(String entry) throws Exception {
        Path war = zip("app.war", Map.of("WEB-INF/lib/lib.jar", zipBytes(Map.of("a/Util.class", CLASS, entry, bytes("x")))));

        assertThat(usesJsp(war, List.of())).isTrue();
    }

    @Test
    void aWebFragmentThatConfiguresJspNeedsIt() throws Exception {
        Path war = zip("app.war", Map.of("WEB-INF/lib/lib.jar", zipBytes(Map.of("META-INF/web-fragment.xml",
                bytes("<web-fragment><servlet><jsp-file>/a.jsp</jsp-file></servlet></web-fragment>")))));

        assertThat(usesJsp(war, List.of())).isTrue();
    }

    @Test
    void theDescriptorsClassPathCountsToo() throws Exception {
        Path war = zip("plain.war", Map.of("index.html", bytes("hi")));
        Path tags = Files.createDirectories(dir.resolve("extra/META-INF/tags"));
        Files.writeString(tags.resolve("box.tag"), "x");
        Path jar = zip("extra.jar", Map.of("META-INF/resources/p.jsp", bytes("x")));

        assertThat(jspUse.of(war, "plain", List.of())).isFalse();
        assertThat(jspUse.of(war, "plain", List.of(dir.resolve("extra").toString()))).isTrue();
        assertThat(jspUse.of(war, "plain", List.of(jar.toString()))).isTrue();
    }

    @Test
    void aVersionIsReadOnceThenAnsweredFromTheCacheEvenByANewHost() throws Exception {
        Path war = zip("app.war", Map.of("index.jsp", bytes("<%= 1 %>")));
        assertThat(jspUse.of(war, "abc123", List.of())).isTrue();
        Files.delete(war);

        assertThat(new JspUse(dir.resolve("cache")).of(war, "abc123", List.of())).as("answered without the WAR").isTrue();
        assertThat(dir.resolve("cache").resolve("abc123.jsp")).hasContent("jsp");
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, zipBytes(entries));
        return file;
    }

    private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
