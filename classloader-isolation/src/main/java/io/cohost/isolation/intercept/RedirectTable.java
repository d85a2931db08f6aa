package io.cohost.isolation.intercept;

import io.cohost.isolation.runtime.TenantSystem;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The JVM-global methods and fields tenant code must not reach, and where each is sent instead: a
 * method of {@link TenantSystem} with the same arguments (the receiver first for instance methods)
 * plus the calling class. One table serves the bytecode rewriter, reflection and method handles.
 */
public final class RedirectTable {
    /** One intercepted member. {@code opcode} is INVOKESTATIC, INVOKEVIRTUAL or GETSTATIC. */
    public record Redirect(int opcode, String owner, String name, String descriptor, String bridge) {
        String key() {
            return owner + "." + name + descriptor;
        }

        /** The bridge's descriptor: receiver (for instance methods) + arguments + {@code Class caller}. */
        public String bridgeDescriptor() {
            if (opcode == Opcodes.GETSTATIC) {
                return "(Ljava/lang/Class;)" + descriptor;
            }
            Type m = Type.getMethodType(descriptor);
            StringBuilder args = new StringBuilder("(");
            if (opcode == Opcodes.INVOKEVIRTUAL) {
                args.append('L').append(owner).append(';');
            }
            for (Type t : m.getArgumentTypes()) {
                args.append(t.getDescriptor());
            }
            return args.append("Ljava/lang/Class;)").append(m.getReturnType().getDescriptor()).toString();
        }
    }

    public static final String BRIDGE = Type.getInternalName(TenantSystem.class);

    private static final int S = Opcodes.INVOKESTATIC;
    private static final int V = Opcodes.INVOKEVIRTUAL;

    static final List<Redirect> ALL = List.of(
            // exit and shutdown: stop the tenant, never the JVM
            new Redirect(S, "java/lang/System", "exit", "(I)V", "exit"),
            new Redirect(V, "java/lang/Runtime", "exit", "(I)V", "runtimeExit"),
            new Redirect(V, "java/lang/Runtime", "halt", "(I)V", "runtimeHalt"),
            new Redirect(V, "java/lang/Runtime", "addShutdownHook", "(Ljava/lang/Thread;)V", "addShutdownHook"),
            new Redirect(V, "java/lang/Runtime", "removeShutdownHook", "(Ljava/lang/Thread;)Z", "removeShutdownHook"),
            // standard streams: each tenant writes to its own log
            new Redirect(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;", "out"),
            new Redirect(Opcodes.GETSTATIC, "java/lang/System", "err", "Ljava/io/PrintStream;", "err"),
            new Redirect(Opcodes.GETSTATIC, "java/lang/System", "in", "Ljava/io/InputStream;", "in"),
            new Redirect(S, "java/lang/System", "setOut", "(Ljava/io/PrintStream;)V", "setOut"),
            new Redirect(S, "java/lang/System", "setErr", "(Ljava/io/PrintStream;)V", "setErr"),
            new Redirect(S, "java/lang/System", "setIn", "(Ljava/io/InputStream;)V", "setIn"),
            // system properties: each tenant has its own copy
            new Redirect(S, "java/lang/System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;", "getProperty"),
            new Redirect(S, "java/lang/System", "getProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", "getProperty"),
            new Redirect(S, "java/lang/System", "setProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", "setProperty"),
            new Redirect(S, "java/lang/System", "clearProperty", "(Ljava/lang/String;)Ljava/lang/String;", "clearProperty"),
            new Redirect(S, "java/lang/System", "getProperties", "()Ljava/util/Properties;", "getProperties"),
            new Redirect(S, "java/lang/System", "setProperties", "(Ljava/util/Properties;)V", "setProperties"),
            new Redirect(S, "java/lang/Integer", "getInteger", "(Ljava/lang/String;)Ljava/lang/Integer;", "getInteger"),
            new Redirect(S, "java/lang/Integer", "getInteger", "(Ljava/lang/String;I)Ljava/lang/Integer;", "getInteger"),
            new Redirect(S, "java/lang/Integer", "getInteger", "(Ljava/lang/String;Ljava/lang/Integer;)Ljava/lang/Integer;", "getInteger"),
            new Redirect(S, "java/lang/Long", "getLong", "(Ljava/lang/String;)Ljava/lang/Long;", "getLong"),
            new Redirect(S, "java/lang/Long", "getLong", "(Ljava/lang/String;J)Ljava/lang/Long;", "getLong"),
            new Redirect(S, "java/lang/Long", "getLong", "(Ljava/lang/String;Ljava/lang/Long;)Ljava/lang/Long;", "getLong"),
            new Redirect(S, "java/lang/Boolean", "getBoolean", "(Ljava/lang/String;)Z", "getBoolean"),
            // temporary files: in the tenant's own java.io.tmpdir (the JDK caches the host's at start-up)
            new Redirect(S, "java/io/File", "createTempFile", "(Ljava/lang/String;Ljava/lang/String;)Ljava/io/File;", "createTempFile"),
            new Redirect(S, "java/nio/file/Files", "createTempFile",
                    "(Ljava/lang/String;Ljava/lang/String;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/file/Path;", "createTempPath"),
            new Redirect(S, "java/nio/file/Files", "createTempDirectory",
                    "(Ljava/lang/String;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/file/Path;", "createTempDirectory"),
            // default locale, time zone and uncaught-exception handler: per tenant
            new Redirect(S, "java/util/Locale", "getDefault", "()Ljava/util/Locale;", "getDefaultLocale"),
            new Redirect(S, "java/util/Locale", "getDefault", "(Ljava/util/Locale$Category;)Ljava/util/Locale;", "getDefaultLocale"),
            new Redirect(S, "java/util/Locale", "setDefault", "(Ljava/util/Locale;)V", "setDefaultLocale"),
            new Redirect(S, "java/util/Locale", "setDefault", "(Ljava/util/Locale$Category;Ljava/util/Locale;)V", "setDefaultLocale"),
            new Redirect(S, "java/util/TimeZone", "getDefault", "()Ljava/util/TimeZone;", "getDefaultTimeZone"),
            new Redirect(S, "java/util/TimeZone", "setDefault", "(Ljava/util/TimeZone;)V", "setDefaultTimeZone"),
            new Redirect(S, "java/lang/Thread", "getDefaultUncaughtExceptionHandler",
                    "()Ljava/lang/Thread$UncaughtExceptionHandler;", "getDefaultUncaughtExceptionHandler"),
            new Redirect(S, "java/lang/Thread", "setDefaultUncaughtExceptionHandler",
                    "(Ljava/lang/Thread$UncaughtExceptionHandler;)V", "setDefaultUncaughtExceptionHandler"),
            // native code can crash or exit the JVM: refused unless the app is allowed it
            new Redirect(S, "java/lang/System", "load", "(Ljava/lang/String;)V", "load"),
            new Redirect(S, "java/lang/System", "loadLibrary", "(Ljava/lang/String;)V", "loadLibrary"),
            new Redirect(V, "java/lang/Runtime", "load", "(Ljava/lang/String;)V", "runtimeLoad"),
            new Redirect(V, "java/lang/Runtime", "loadLibrary", "(Ljava/lang/String;)V", "runtimeLoadLibrary"),
            // processes run outside every quota and rule of the app, and can signal the host: refused unless allowed
            new Redirect(V, "java/lang/ProcessBuilder", "start", "()Ljava/lang/Process;", "startProcess"),
            new Redirect(S, "java/lang/ProcessBuilder", "startPipeline", "(Ljava/util/List;)Ljava/util/List;", "startPipeline"),
            new Redirect(V, "java/lang/Runtime", "exec", "(Ljava/lang/String;)Ljava/lang/Process;", "exec"),
            new Redirect(V, "java/lang/Runtime", "exec", "([Ljava/lang/String;)Ljava/lang/Process;", "exec"),
            new Redirect(V, "java/lang/Runtime", "exec", "(Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/Process;", "exec"),
            new Redirect(V, "java/lang/Runtime", "exec", "([Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/Process;", "exec"),
            new Redirect(V, "java/lang/Runtime", "exec", "(Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;)Ljava/lang/Process;", "exec"),
            new Redirect(V, "java/lang/Runtime", "exec", "([Ljava/lang/String;[Ljava/lang/String;Ljava/io/File;)Ljava/lang/Process;", "exec"),
            // JMX: a per-tenant namespace in the platform MBean server
            new Redirect(S, "java/lang/management/ManagementFactory", "getPlatformMBeanServer",
                    "()Ljavax/management/MBeanServer;", "getPlatformMBeanServer"),
            // reflection and method handles: the same redirects, reached indirectly
            new Redirect(V, "java/lang/reflect/Method", "invoke", "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", "invoke"),
            new Redirect(V, "java/lang/invoke/MethodHandles$Lookup", "findStatic",
                    "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", "findStatic"),
            new Redirect(V, "java/lang/invoke/MethodHandles$Lookup", "findVirtual",
                    "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", "findVirtual"),
            new Redirect(V, "java/lang/invoke/MethodHandles$Lookup", "unreflect",
                    "(Ljava/lang/reflect/Method;)Ljava/lang/invoke/MethodHandle;", "unreflect"));

    private static final Map<String, Redirect> BY_KEY = ALL.stream().collect(Collectors.toMap(Redirect::key, Function.identity()));

    /** Members that the reflective and method-handle paths redirect (not the reflection entry points themselves). */
    private static final List<Redirect> TARGETS = ALL.stream()
            .filter(r -> r.opcode() != Opcodes.GETSTATIC && !r.owner().startsWith("java/lang/reflect")
                    && !r.owner().startsWith("java/lang/invoke"))
            .toList();

    private RedirectTable() {}

    public static Redirect find(int opcode, String owner, String name, String descriptor) {
        Redirect r = BY_KEY.get(owner + "." + name + descriptor);
        return r != null && r.opcode() == opcode ? r : null;
    }

    /** The bridge to call instead of {@code method} through reflection, or null if it is not intercepted. */
    public static Method reflective(Method method) {
        Redirect r = target(method.getDeclaringClass(), method.getName(),
                Type.getMethodDescriptor(method), Modifier.isStatic(method.getModifiers()));
        return r == null ? null : bridgeMethod(r);
    }

    /** Arguments for {@link #reflective}'s bridge: receiver (instance methods), the arguments, the caller. */
    public static Object[] reflectiveArgs(Method method, Object target, Object[] args, Class<?> caller) {
        Object[] given = args == null ? new Object[0] : args;
        boolean instance = !Modifier.isStatic(method.getModifiers());
        Object[] full = new Object[given.length + (instance ? 2 : 1)];
        int i = 0;
        if (instance) {
            full[i++] = target;
        }
        System.arraycopy(given, 0, full, i, given.length);
        full[full.length - 1] = caller;
        return full;
    }

    /** A handle on the bridge standing in for {@code owner.name(type)}, or null if it is not intercepted. */
    public static MethodHandle handle(Class<?> owner, String name, MethodType type, boolean isStatic) {
        Redirect r = target(owner, name, type.toMethodDescriptorString(), isStatic);
        if (r == null) {
            return null;
        }
        try {
            MethodHandle bridge = MethodHandles.publicLookup().unreflect(bridgeMethod(r));
            return MethodHandles.insertArguments(bridge, bridge.type().parameterCount() - 1, (Object) null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Redirect target(Class<?> owner, String name, String descriptor, boolean isStatic) {
        String internal = Type.getInternalName(owner);
        for (Redirect r : TARGETS) {
            if (r.owner().equals(internal) && r.name().equals(name) && r.descriptor().equals(descriptor)
                    && (r.opcode() == Opcodes.INVOKESTATIC) == isStatic) {
                return r;
            }
        }
        return null;
    }

    private static Method bridgeMethod(Redirect r) {
        Type[] args = Type.getArgumentTypes(r.bridgeDescriptor());
        for (Method m : TenantSystem.class.getMethods()) {
            if (m.getName().equals(r.bridge()) && Type.getMethodDescriptor(m).equals(r.bridgeDescriptor())) {
                return m;
            }
        }
        throw new IllegalStateException("no bridge " + r.bridge() + r.bridgeDescriptor() + " (" + args.length + " args)");
    }
}
