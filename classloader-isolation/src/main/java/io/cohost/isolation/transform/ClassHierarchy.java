package io.cohost.isolation.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Answers ASM's "common super class" question without loading tenant classes. ASM's default loads
 * both types through the writer's own (host) loader, where tenant classes are invisible; loading them
 * through the tenant loader from inside class definition recurses. So tenant types are read from
 * their class-file bytes, and only JDK and host types are loaded (without initialising them).
 */
final class ClassHierarchy implements TenantClass.TypeHierarchy {
    private final Function<String, byte[]> tenantBytes;
    private final ClassLoader parent;

    ClassHierarchy(Function<String, byte[]> tenantBytes, ClassLoader parent) {
        this.tenantBytes = tenantBytes;
        this.parent = parent;
    }

    String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (isInterface(a) || isInterface(b)) {
            return "java/lang/Object";
        }
        List<String> chainA = superChain(a);
        for (String s : superChain(b)) {
            if (chainA.contains(s)) {
                return s;
            }
        }
        return "java/lang/Object";
    }

    @Override
    public boolean isSubclassOf(String type, String superType) {
        try {
            return superChain(type).contains(superType);
        } catch (TypeNotPresentException e) {
            return false;
        }
    }

    @Override
    public List<String> tenantSupertypes(String type) {
        if (type.startsWith("java/")) {
            return null; // no class loader but the JDK's may define these, whatever the app ships
        }
        byte[] bytes = tenantBytes.apply(type);
        if (bytes == null) {
            return null;
        }
        ClassReader reader = new ClassReader(bytes);
        List<String> supertypes = new ArrayList<>(List.of(reader.getInterfaces()));
        if (reader.getSuperName() != null) {
            supertypes.add(reader.getSuperName());
        }
        return supertypes;
    }

    private List<String> superChain(String type) {
        List<String> chain = new ArrayList<>();
        for (String t = type; t != null; t = superName(t)) {
            chain.add(t);
        }
        return chain;
    }

    private String superName(String type) {
        byte[] bytes = tenantBytes.apply(type);
        if (bytes != null) {
            return new ClassReader(bytes).getSuperName();
        }
        Class<?> c = load(type);
        Class<?> s = c.getSuperclass();
        return s == null ? null : s.getName().replace('.', '/');
    }

    private boolean isInterface(String type) {
        byte[] bytes = tenantBytes.apply(type);
        if (bytes != null) {
            return (new ClassReader(bytes).getAccess() & Opcodes.ACC_INTERFACE) != 0;
        }
        return load(type).isInterface();
    }

    private Class<?> load(String type) {
        try {
            return Class.forName(type.replace('/', '.'), false, parent);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TypeNotPresentException(type.replace('/', '.'), e);
        }
    }
}
