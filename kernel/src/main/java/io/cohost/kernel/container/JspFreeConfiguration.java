package io.cohost.kernel.container;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.AbstractConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;

/**
 * For an app that cannot need JSP ({@link JspUse}): the {@code jsp} servlet Jetty's
 * {@code webdefault-ee10.xml} declares for every app is swapped, before anything starts, for one that
 * answers 404, as the JSP servlet does for a page that does not exist; the {@code *.jsp} mappings stay,
 * so requests are routed exactly as before, and the JSP engine is neither loaded nor initialised. Its
 * Jasper initializer ({@link #INITIALIZER}) is never offered to such an app: its visibility policy hides
 * Jetty's JSP glue ({@code VisibilityPolicy.withoutJsp}). Keeps no state, so one instance serves every app.
 */
public final class JspFreeConfiguration extends AbstractConfiguration implements MetaDataResolvedHook {
    /** The servlet container initializer that scans tag libraries for the JSP engine (hidden from such an app). */
    public static final String INITIALIZER = "org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer";
    private static final String JSP_SERVLET = "jsp";

    public JspFreeConfiguration() {
        super(new Builder());
    }

    @Override
    public void metaDataResolved(WebAppContext context) {
        ServletHandler servlets = context.getServletHandler();
        ServletHolder[] holders = servlets.getServlets();
        if (holders == null) {
            return;
        }
        ServletHolder[] swapped = holders.clone();
        for (int i = 0; i < swapped.length; i++) {
            if (JSP_SERVLET.equals(swapped[i].getName())) {
                swapped[i] = new ServletHolder(JSP_SERVLET, NoSuchPage.class);
            }
        }
        servlets.setServlets(swapped);
    }

    /** What a {@code *.jsp} request gets in an app without pages. */
    public static final class NoSuchPage extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
