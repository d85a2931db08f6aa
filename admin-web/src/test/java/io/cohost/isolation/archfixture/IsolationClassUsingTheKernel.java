package io.cohost.isolation.archfixture;

import io.cohost.kernel.HostConfig;

/** A deliberate violation, for the test that proves the module rules can fail: a library using the kernel. */
public final class IsolationClassUsingTheKernel {
    public Object config() {
        return HostConfig.defaults();
    }
}
