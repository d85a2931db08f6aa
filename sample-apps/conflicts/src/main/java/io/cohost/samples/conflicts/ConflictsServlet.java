package io.cohost.samples.conflicts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /versions}: which Guice, Jackson and SLF4J this app got (it bundles its own).
 * {@code /forname?class=X}: whether the app can load class X ("found"/"absent").
 * {@code /resource?name=R}: whether the app can see resource R.
 */
@WebServlet("/*")
public class ConflictsServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        resp.setContentType("application/json");
        Map<String, Object> out = new LinkedHashMap<>();
        switch (path) {
            case "/versions" -> {
                out.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
                out.put("guice", jarOf(Guice.class));
                out.put("slf4j", jarOf(org.slf4j.LoggerFactory.class));
                out.put("jacksonLoader", String.valueOf(ObjectMapper.class.getClassLoader()));
            }
            case "/forname" -> {
                String name = req.getParameter("class");
                try {
                    Class.forName(name);
                    out.put(name, "found");
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    out.put(name, "absent");
                }
            }
            case "/resource" -> {
                String name = req.getParameter("name");
                out.put(name, Thread.currentThread().getContextClassLoader().getResource(name) == null ? "absent" : "found");
            }
            default -> out.put("app", "conflicts");
        }
        resp.getWriter().print(new ObjectMapper().writeValueAsString(out));
    }

    /** The jar a class came from, e.g. guice-5.1.0.jar. */
    private static String jarOf(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        String location = source == null ? "unknown" : source.getLocation().toString();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
