package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.isolation.WarRewriter;
import io.cohost.kernel.testing.LiveHost;
import io.cohost.kernel.testing.TenantSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container jars are parsed once per host and replayed into each app's annotation scan: an app's
 * {@code @HandlesTypes(Servlet.class)} initializer still finds servlets that are servlets only through
 * the container's {@code HttpServlet}, on the first deploy and on every later one.
 */
class ContainerJarScanIT {
    private static final String FINDER = """
            package hier;
            @jakarta.servlet.annotation.HandlesTypes(jakarta.servlet.Servlet.class)
            public class ServletFinder implements jakarta.servlet.ServletContainerInitializer {
                public void onStartup(java.util.Set<Class<?>> found, jakarta.servlet.ServletContext ctx) {
                    java.util.TreeSet<String> names = new java.util.TreeSet<>();
                    if (found != null) for (Class<?> c : found) names.add(c.getName());
                    ctx.setAttribute("found", String.join(",", names));
                }
            }
            """;
    private static final String REPORT = """
            package hier;
            @jakarta.servlet.annotation.WebServlet("/found")
            public class Report extends jakarta.servlet.http.HttpServlet {
                protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                        throws java.io.IOException {
                    resp.getWriter().print(getServletContext().getAttribute("found"));
                }
            }
            """;

    @Test
    void handlesTypesSeesServletsThroughTheContainersHierarchyOnEveryDeploy(@TempDir Path data) throws Exception {
        Map<String, byte[]> additions = new HashMap<>(TenantSources.compile(Map.of("hier/ServletFinder.java", FINDER, "hier/Report.java", REPORT)));
        additions.put("WEB-INF/classes/META-INF/services/jakarta.servlet.ServletContainerInitializer",
                "hier.ServletFinder\n".getBytes(StandardCharsets.UTF_8));
        Path war = WarRewriter.rewrite(LiveHost.WARS.resolve("hello.war"), data.resolve("hier.war"), Map.of(), additions);
        try (LiveHost host = new LiveHost(data.resolve("host"))) {
            for (String app : new String[] {"first", "second", "third"}) {
                host.deploy(app, war);
                assertThat(host.get("/" + app + "/found")).as("servlets app '%s' was told about", app).contains("hier.Report");
            }
        }
    }
}
