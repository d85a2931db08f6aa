package io.cohost.samples.guestbook;

import com.google.gson.Gson;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;

/**
 * GET / renders the entries as HTML, GET /entries.json as JSON (with the bundled Gson),
 * POST / adds an entry from a form and remembers the writer's name in the session.
 */
@WebServlet(urlPatterns = {"/", "/entries.json"})
public class GuestbookServlet extends HttpServlet {
    private static final Gson GSON = new Gson();

    private Guestbook guestbook() {
        return (Guestbook) getServletContext().getAttribute(GuestbookListener.ATTRIBUTE);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/entries.json".equals(req.getServletPath())) {
            resp.setContentType("application/json");
            resp.getWriter().print(GSON.toJson(Map.of(
                    "entries", guestbook().entries(),
                    "jsonLibrary", Gson.class.getName())));
            return;
        }
        HttpSession session = req.getSession(false);
        String you = session == null ? null : (String) session.getAttribute("name");
        resp.setContentType("text/html;charset=utf-8");
        StringBuilder html = new StringBuilder("<!doctype html><title>Guestbook</title><h1>Guestbook</h1>");
        html.append("<p>").append(you == null ? "Welcome, stranger" : "Welcome back, " + escape(you)).append("</p><ul>");
        for (Guestbook.Entry e : guestbook().entries()) {
            html.append("<li><b>").append(escape(e.name())).append("</b>: ").append(escape(e.message())).append("</li>");
        }
        html.append("</ul><form method=post><input name=name><input name=message><button>Sign</button></form>");
        resp.getWriter().print(html);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        String message = req.getParameter("message");
        if (name == null || name.isBlank() || message == null) {
            resp.sendError(400, "name and message are required");
            return;
        }
        guestbook().add(new Guestbook.Entry(name, message));
        req.getSession(true).setAttribute("name", name);
        resp.sendRedirect(req.getContextPath() + "/");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
