package io.cohost.agent;

import io.cohost.agent.boot.DescriptorHooks;

/** What a descriptor is, as the injected hooks report it (the ints of {@link DescriptorHooks}). */
public enum DescriptorKind {
    FILE, DIRECTORY, SOCKET, SERVER_SOCKET, DATAGRAM, SELECTOR, PIPE;

    private static final DescriptorKind[] BY_CODE = values();

    static {
        // the hooks pass ordinals; keep the two lists in step
        if (FILE.ordinal() != DescriptorHooks.FILE || PIPE.ordinal() != DescriptorHooks.PIPE
                || SELECTOR.ordinal() != DescriptorHooks.SELECTOR || DATAGRAM.ordinal() != DescriptorHooks.DATAGRAM) {
            throw new IllegalStateException("DescriptorKind and DescriptorHooks disagree");
        }
    }

    static DescriptorKind of(int code) {
        return BY_CODE[code];
    }
}
