package io.cohost.samples.fdleak;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code own.txt} in the app's temporary directory (its work directory) at start. */
@WebListener
public class OwnFile implements ServletContextListener {
    static Path path() {
        return Path.of(System.getProperty("java.io.tmpdir"), "own.txt");
    }

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        try {
            Files.writeString(path(), "own work file of " + sce.getServletContext().getContextPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
