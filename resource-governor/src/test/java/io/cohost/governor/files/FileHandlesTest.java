package io.cohost.governor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FileHandlesTest {
    private final HostDescriptorGuard roomy = new HostDescriptorGuard(new HostDescriptorGuardTest.FakeProcess(100, 100_000), 64);

    @Test
    void refusesTheOpenThatWouldPassTheQuotaNamingTheAppAndTheQuota() throws IOException {
        FileHandles files = new FileHandles("fd-leak", roomy, 64);
        for (int i = 0; i < 64; i++) {
            files.checkOpen(HandleKind.FILE, 1, true);
            files.charge(HandleKind.FILE, 1);
        }

        assertThatThrownBy(() -> files.checkOpen(HandleKind.FILE, 1, true)).isInstanceOf(IOException.class)
                .hasMessage("app 'fd-leak': file handle quota reached (64 of 64 open); raise 'files' in the app's quota"
                        + " or close files and sockets the app no longer needs");
        assertThat(files.open()).isEqualTo(64);
        assertThat(files.refusals()).isEqualTo(1);
    }

    @Test
    void countsEachKindAndReleasesOnClose() {
        FileHandles files = new FileHandles("shop", roomy, Long.MAX_VALUE);
        files.charge(HandleKind.SOCKET, 1);
        files.charge(HandleKind.SELECTOR, 2);
        files.charge(HandleKind.FILE, 1);
        files.release(HandleKind.FILE, 1);

        assertThat(files.open()).isEqualTo(3);
        assertThat(files.open(HandleKind.SELECTOR)).isEqualTo(2);
        assertThat(files.open(HandleKind.SOCKET)).isEqualTo(1);
        assertThat(files.open(HandleKind.FILE)).isZero();
    }

    @Test
    void uncheckedKindsOfTheHostsSharedFilesPassTheQuotaButNotTheHostsReserve() {
        FileHandles atQuota = new FileHandles("shop", roomy, 0);
        FileHandles nearLimit = new FileHandles("shop", new HostDescriptorGuard(new HostDescriptorGuardTest.FakeProcess(990, 1000), 64), 10);

        assertThatCode(() -> atQuota.checkOpen(HandleKind.FILE, 1, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> nearLimit.checkOpen(HandleKind.FILE, 1, false)).hasMessageContaining("keeps the last 64 for itself");
    }

    @Test
    void aRaisedQuotaAppliesToTheNextOpen() throws IOException {
        FileHandles files = new FileHandles("shop", roomy, 1);
        files.charge(HandleKind.FILE, 1);
        files.setLimit(2);

        files.checkOpen(HandleKind.FILE, 1, true);
    }
}
