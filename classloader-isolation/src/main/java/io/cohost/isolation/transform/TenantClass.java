package io.cohost.isolation.transform;

/**
 * The class being transformed.
 *
 * @param internalName name in internal form, {@code com/example/Foo}
 * @param tenant       the app the class belongs to (for messages)
 */
public record TenantClass(String internalName, String tenant) {
    public String className() {
        return internalName.replace('/', '.');
    }
}
