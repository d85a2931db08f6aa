package io.cohost.agent.boot;

import java.io.IOException;

/**
 * What the instrumented JDK code reports, one method per hook in {@link DescriptorHooks}. Only JDK
 * types cross this interface: it is loaded by the boot loader, its implementation by the host's.
 *
 * <p>{@code check*} methods run before the JDK opens or changes anything and may refuse by throwing;
 * {@code opened}/{@code closed} run after the fact and never throw.
 */
public interface DescriptorListener {
    void checkFileOpen(String path, boolean write) throws IOException;

    void checkFileOpenMode(String path, int randomAccessMode) throws IOException;

    void checkPathOpen(Object path, Object options, int kind) throws IOException;

    void checkPathRead(Object path) throws IOException;

    void checkPathWrite(Object path) throws IOException;

    void checkLink(Object link, Object target) throws IOException;

    void checkFileRead(String path) throws IOException;

    void checkFileWrite(String path) throws IOException;

    void checkTempDirectory(Object directory) throws IOException;

    void checkOpen(int kind, int weight) throws IOException;

    void checkConnect(Object address, int port) throws IOException;

    void checkProcessStart(Object command) throws IOException;

    void opened(Object owner, Object key, int kind, int weight, String detail, boolean holdOwner);

    void fileChannelOpened(Object channel, Object fd, String path, Object parent);

    void socketImplOpened(Object impl, Object fd, boolean server);

    void closed(Object key);
}
