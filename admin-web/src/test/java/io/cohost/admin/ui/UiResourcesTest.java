package io.cohost.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages keep within the content security policy: no inline script, style or event handler, nothing from elsewhere. */
class UiResourcesTest {
    private static String read(String file) throws IOException {
        try (InputStream in = UiResources.class.getResourceAsStream("/io/cohost/admin/ui/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overview.html", "deploy.html", "app.html", "tokens.html", "audit.html", "login.html"})
    void pagesHaveNoInlineScriptStyleOrHandlersAndLoadOnlyFromThisOrigin(String page) throws IOException {
        String html = read(page);

        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=\"/static/)", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("inline script in " + page).isFalse();
        assertThat(html).doesNotContainPattern("(?i)<style").doesNotContainPattern("(?i)\\sstyle=")
                .doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContain("http://").doesNotContain("https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"common.js", "chart.js", "login.js", "overview.js", "deploy.js", "app.js", "tokens.js", "audit.js"})
    void scriptsNeverParseTextAsHtmlOrCode(String script) throws IOException {
        String js = read(script);

        assertThat(js).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("eval(").doesNotContain("new Function").doesNotContain("document.write");
    }
}
