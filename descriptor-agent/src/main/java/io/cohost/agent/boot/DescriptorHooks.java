package io.cohost.agent.boot;

import java.io.IOException;

/**
 * The static methods the descriptor agent injects into the JDK's descriptor-owning classes. This
 * class is put on the boot class path, because code in {@code java.base} can only call classes the
 * boot loader sees; it forwards to the {@link DescriptorListener} the host installs, and does nothing
 * until one is installed.
 *
 * <p>Kinds are passed as ints ({@link #FILE} ...) to keep the injected bytecode to constants.
 */
public final class DescriptorHooks {
    public static final int FILE = 0;
    public static final int DIRECTORY = 1;
    public static final int SOCKET = 2;
    public static final int SERVER_SOCKET = 3;
    public static final int DATAGRAM = 4;
    public static final int SELECTOR = 5;
    public static final int PIPE = 6;

    private static volatile DescriptorListener listener;

    private DescriptorHooks() {}

    public static void install(DescriptorListener l) {
        listener = l;
    }

    public static DescriptorListener installed() {
        return listener;
    }

    public static void checkFileOpen(String path, boolean write) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkFileOpen(path, write);
        }
    }

    public static void checkFileOpenMode(String path, int randomAccessMode) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkFileOpenMode(path, randomAccessMode);
        }
    }

    public static void checkPathOpen(Object path, Object options, int kind) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkPathOpen(path, options, kind);
        }
    }

    public static void checkPathRead(Object path) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkPathRead(path);
        }
    }

    public static void checkPathWrite(Object path) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkPathWrite(path);
        }
    }

    public static void checkLink(Object link, Object target) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkLink(link, target);
        }
    }

    public static void checkFileRead(String path) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkFileRead(path);
        }
    }

    public static void checkFileWrite(String path) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkFileWrite(path);
        }
    }

    public static void checkTempDirectory(Object directory) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkTempDirectory(directory);
        }
    }

    public static void checkOpen(int kind, int weight) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkOpen(kind, weight);
        }
    }

    /** {@code NioSocketImpl.create(boolean)}: the impl knows whether it is a server socket. */
    public static void checkSocketImpl(boolean server) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkOpen(server ? SERVER_SOCKET : SOCKET, 1);
        }
    }

    public static void checkConnect(Object address, int port) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkConnect(address, port);
        }
    }

    public static void checkProcessStart(Object command) throws IOException {
        DescriptorListener l = listener;
        if (l != null) {
            l.checkProcessStart(command);
        }
    }

    public static void opened(Object owner, Object key, int kind, int weight, String detail, boolean holdOwner) {
        DescriptorListener l = listener;
        if (l != null) {
            l.opened(owner, key, kind, weight, detail, holdOwner);
        }
    }

    public static void fileChannelOpened(Object channel, Object fd, String path, Object parent) {
        DescriptorListener l = listener;
        if (l != null) {
            l.fileChannelOpened(channel, fd, path, parent);
        }
    }

    public static void socketImplOpened(Object impl, Object fd, boolean server) {
        DescriptorListener l = listener;
        if (l != null) {
            l.socketImplOpened(impl, fd, server);
        }
    }

    public static void closed(Object key) {
        DescriptorListener l = listener;
        if (l != null) {
            l.closed(key);
        }
    }
}
