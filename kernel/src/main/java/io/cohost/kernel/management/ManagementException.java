package io.cohost.kernel.management;

/**
 * The one exception of the management API. Its {@link Kind} says what went wrong in terms a client
 * can act on (the admin API maps it to an HTTP status); the message names the app and the problem,
 * the detail says how to fix it or what caused it.
 */
public final class ManagementException extends RuntimeException {
    public enum Kind {
        /** The request itself is wrong: bad name, bad WAR, bad value. Nothing was changed. */
        INVALID,
        /** No app of that name. */
        NOT_FOUND,
        /** The app's state does not allow the operation now. */
        CONFLICT,
        /** The upload is larger than allowed. */
        TOO_LARGE,
        /** The app's own code failed to start; the cause is in the detail. */
        START_FAILED,
        /** The host could not do it (disk, I/O). */
        INTERNAL
    }

    private final Kind kind;
    private final String detail;

    public ManagementException(Kind kind, String message, String detail) {
        this(kind, message, detail, null);
    }

    public ManagementException(Kind kind, String message, String detail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.detail = detail == null ? "" : detail;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}
