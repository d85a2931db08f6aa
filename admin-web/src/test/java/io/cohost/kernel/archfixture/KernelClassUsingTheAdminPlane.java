package io.cohost.kernel.archfixture;

import io.cohost.admin.AdminWebPlane;

/** A deliberate violation, for the test that proves the module rules can fail: the kernel using admin-web. */
public final class KernelClassUsingTheAdminPlane {
    public Object plane() {
        return new AdminWebPlane();
    }
}
