package io.cohost.kernel.deploy;

import io.cohost.kernel.management.ManagementException;
import java.util.regex.Pattern;

/** The rule for app names: they become folder names and context paths, so they are kept plain. */
public final class AppNames {
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private AppNames() {}

    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new ManagementException(ManagementException.Kind.INVALID,
                    "invalid app name '" + name + "'",
                    "use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. 'shop' or 'guest-book'");
        }
        return name;
    }

    /** The name a drop-in file deploys as: {@code Guest_Book.war} becomes {@code guest-book}. */
    public static String fromFileName(String fileName) {
        String base = fileName.endsWith(".war") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }
}
