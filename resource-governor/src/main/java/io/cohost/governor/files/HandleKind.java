package io.cohost.governor.files;

import java.util.Locale;

/** What an open file handle is; the tag value of the {@code files} meter. */
public enum HandleKind {
    FILE, DIRECTORY, SOCKET, SERVER_SOCKET, DATAGRAM, SELECTOR, PIPE;

    private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** {@code file}, {@code server-socket}, ...: a bounded set of tag values. */
    public String tag() {
        return tag;
    }
}
