package io.cohost.samples.guestbook;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Creates the guestbook when the application starts and records that it did. */
@WebListener
public class GuestbookListener implements ServletContextListener {
    static final String ATTRIBUTE = "guestbook";

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        sce.getServletContext().setAttribute(ATTRIBUTE, new Guestbook());
        sce.getServletContext().setAttribute("guestbook.startedBy", Thread.currentThread().getThreadGroup().getName());
    }
}
