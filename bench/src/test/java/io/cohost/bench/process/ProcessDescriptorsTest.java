package io.cohost.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessDescriptorsTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void anOpenFileIsCountedUntilClosed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        long before = ProcessDescriptors.open(SELF);
        try (FileInputStream in = new FileInputStream(f.toFile())) {
            assertThat(ProcessDescriptors.open(SELF)).isGreaterThan(before);
        }
    }

    @Test
    void theLimitIsTheJvmsOwn() {
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        assertThat(ProcessDescriptors.limit(SELF)).isEqualTo(os.getMaxFileDescriptorCount());
    }
}
