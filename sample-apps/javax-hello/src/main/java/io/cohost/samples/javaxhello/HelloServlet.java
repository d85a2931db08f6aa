package io.cohost.samples.javaxhello;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Declared in a Servlet 4 web.xml; says which servlet API package its request object comes from. */
public class HelloServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().println("hello from a javax.servlet app; request API: " + HttpServletRequest.class.getPackage().getName());
    }
}
