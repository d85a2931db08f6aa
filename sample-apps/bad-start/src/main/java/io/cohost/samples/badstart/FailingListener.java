package io.cohost.samples.badstart;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Fails the application's start, as a misconfigured real app would. */
@WebListener
public class FailingListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent sce) {
        throw new IllegalStateException("bad-start: database URL is not configured");
    }
}
