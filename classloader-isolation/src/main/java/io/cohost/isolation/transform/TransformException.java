package io.cohost.isolation.transform;

/**
 * A tenant class that cannot be transformed safely. The deploy fails with this message: it names
 * the app, the class and the reason, so a half-instrumented tenant never runs.
 */
public final class TransformException extends RuntimeException {
    private final String className;

    public TransformException(String tenant, String className, String reason, Throwable cause) {
        super("app '" + tenant + "': class " + className + " cannot be loaded safely: " + reason, cause);
        this.className = className;
    }

    public String className() {
        return className;
    }
}
