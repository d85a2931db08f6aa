package io.cohost.governor.archfixture;

import io.cohost.isolation.archfixture.IsolationClassUsingTheKernel;

/** A deliberate violation, for the test that proves the module rules can fail: one library using the other. */
public final class GovernorClassUsingIsolation {
    public Object isolation() {
        return new IsolationClassUsingTheKernel();
    }
}
