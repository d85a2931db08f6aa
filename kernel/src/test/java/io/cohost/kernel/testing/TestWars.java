package io.cohost.kernel.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The WARs the build copied to {@code target/wars} (system property {@code cohost.wars}). */
public final class TestWars {
    private TestWars() {}

    public static Path war(String name) {
        Path war = Path.of(System.getProperty("cohost.wars", "target/wars")).resolve(name + ".war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("test WAR " + war + " is missing; run the build through Maven, which copies it"
                    + " (see the test-wars execution in the pom)");
        }
        return war;
    }
}
