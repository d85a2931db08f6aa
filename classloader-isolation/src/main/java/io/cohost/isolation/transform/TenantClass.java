package io.cohost.isolation.transform;

import java.util.List;

/**
 * The class being transformed.
 *
 * @param internalName name in internal form, {@code com/example/Foo}
 * @param tenant       the app the class belongs to (for messages)
 * @param hierarchy    answers subtype questions about tenant, JDK and host types without loading tenant classes
 */
public record TenantClass(String internalName, String tenant, TypeHierarchy hierarchy) {
    /** Subtype questions a transformation may ask. */
    @FunctionalInterface
    public interface TypeHierarchy {
        /** True if {@code type} is {@code superType} or extends it (classes only; internal names). */
        boolean isSubclassOf(String type, String superType);

        /**
         * The direct superclass and interfaces of a tenant type, read from its class file; {@code null} when
         * {@code type} is not the tenant's (a JDK or host type) or is unknown.
         */
        default List<String> tenantSupertypes(String type) {
            return null;
        }
    }

    public String className() {
        return internalName.replace('/', '.');
    }
}
