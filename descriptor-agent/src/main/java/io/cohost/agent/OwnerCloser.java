package io.cohost.agent;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.lang.reflect.Method;

/**
 * Closes a descriptor through the object that owns it, as its own close would: a stream or channel
 * through {@code close()}, which also wakes a thread blocked on it. {@code NioSocketImpl.close()} is
 * protected and {@code FileDescriptor.close()} package-private; the agent opens their packages to
 * itself when it starts.
 */
final class OwnerCloser {
    private static final Method SOCKET_IMPL_CLOSE = method("sun.nio.ch.NioSocketImpl", "close");
    private static final Method DESCRIPTOR_CLOSE = method("java.io.FileDescriptor", "close");

    private OwnerCloser() {}

    static void close(OpenDescriptor d) throws Exception {
        Object owner = d.owner();
        if (owner instanceof Closeable c) {
            c.close();
        } else if (owner != null && SOCKET_IMPL_CLOSE != null && SOCKET_IMPL_CLOSE.getDeclaringClass().isInstance(owner)) {
            SOCKET_IMPL_CLOSE.invoke(owner);
        } else if (d.key().get() instanceof FileDescriptor fd && DESCRIPTOR_CLOSE != null) {
            // the owner was collected but someone kept its descriptor
            DESCRIPTOR_CLOSE.invoke(fd);
        } else if (owner != null) {
            throw new IllegalStateException("no way to close a " + owner.getClass().getName());
        }
    }

    private static Method method(String className, String name) {
        try {
            Method m = Class.forName(className, false, null).getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
