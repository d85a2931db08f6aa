package io.cohost.kernel.config;

/**
 * A descriptor that cannot be used. The message names the field (a dotted path such as
 * {@code jndi.resources.jdbc/shop.class}), what is wrong with it and the forms it accepts.
 */
public final class InvalidDescriptorException extends IllegalArgumentException {
    private final String field;

    public InvalidDescriptorException(String field, String problem, String accepted) {
        super("field '" + field + "': " + problem + "; accepted: " + accepted);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
