package io.cohost.governor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HostDescriptorGuardTest {
    /** A process whose descriptor count the test sets. */
    static final class FakeProcess implements HostDescriptorGuard.ProcessDescriptors {
        volatile long open;
        volatile long max;

        FakeProcess(long open, long max) {
            this.open = open;
            this.max = max;
        }

        @Override
        public long open() {
            return open;
        }

        @Override
        public long max() {
            return max;
        }
    }

    @Test
    void refusesTenantOpensThatWouldEnterTheHostsReserve() {
        FakeProcess process = new FakeProcess(900, 1000);
        HostDescriptorGuard guard = new HostDescriptorGuard(process, 64);

        assertThatCode(() -> guard.check("shop", 36)).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check("shop", 37)).isInstanceOf(IOException.class)
                .hasMessage("app 'shop': refused a new file handle: the host process has about 900 of its 1000 descriptors open"
                        + " and keeps the last 64 for itself; close files and sockets, lower the apps' 'files' quotas,"
                        + " or raise the host's limit (ulimit -n)");
    }

    @Test
    void countsTenantOpensBetweenTwoReadingsOfTheProcess() throws IOException {
        FakeProcess process = new FakeProcess(900, 1000);
        HostDescriptorGuard guard = new HostDescriptorGuard(process, 64);

        guard.opened(30);
        assertThatThrownBy(() -> guard.check("shop", 7)).isInstanceOf(IOException.class);
        guard.closed(10);
        guard.check("shop", 7);
        assertThat(guard.estimatedOpen()).isEqualTo(920);
    }

    @Test
    void readsTheProcessAgainAtMostEveryHundredMilliseconds() {
        FakeProcess process = new FakeProcess(100, 1000);
        HostDescriptorGuard guard = new HostDescriptorGuard(process, 64);
        long now = System.nanoTime();
        guard.sample(now);
        process.open = 990;

        guard.sample(now + 50_000_000);
        assertThat(guard.estimatedOpen()).isEqualTo(100);
        guard.sample(now + 150_000_000);
        assertThat(guard.estimatedOpen()).isEqualTo(990);
    }

    @Test
    void theAutomaticReserveIsATenthOfTheLimitAndAtLeast64() {
        assertThat(new HostDescriptorGuard(new FakeProcess(0, 20_000), 0).reserve()).isEqualTo(2_000);
        assertThat(new HostDescriptorGuard(new FakeProcess(0, 256), 0).reserve()).isEqualTo(64);
    }

    @Test
    void aPlatformThatDoesNotCountDescriptorsRefusesNothing() {
        HostDescriptorGuard guard = new HostDescriptorGuard(new FakeProcess(-1, -1), 0);

        assertThatCode(() -> guard.check("shop", 1_000_000)).doesNotThrowAnyException();
    }
}
