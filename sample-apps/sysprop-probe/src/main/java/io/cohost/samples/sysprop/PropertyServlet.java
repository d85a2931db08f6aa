package io.cohost.samples.sysprop;

import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;

/**
 * {@code /property?name=N}: the value of system property N as this app sees it ("null" if unset).
 * {@code /tmpdir}: java.io.tmpdir and the servlet container's temp dir. {@code /tmpfile}: creates a
 * temp file the usual way and prints where it landed.
 */
@WebServlet({"/property", "/tmpdir", "/tmpfile"})
public class PropertyServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        switch (req.getServletPath()) {
            case "/property" -> resp.getWriter().print(System.getProperty(req.getParameter("name")));
            case "/tmpdir" -> resp.getWriter().print(System.getProperty("java.io.tmpdir") + "\n"
                    + ((File) getServletContext().getAttribute(ServletContext.TEMPDIR)).getAbsolutePath());
            default -> {
                File f = File.createTempFile("probe", ".txt");
                f.deleteOnExit();
                resp.getWriter().print(f.getAbsolutePath());
            }
        }
    }
}
