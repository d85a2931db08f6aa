package io.cohost.kernel.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantLogsTest {
    @Test
    void tailReturnsTheLastLinesInOrder(@TempDir Path dir) throws Exception {
        TenantLogs logs = new TenantLogs(dir);
        PrintStream out = logs.stream("shop");
        for (int i = 1; i <= 50; i++) {
            out.println("line " + i);
        }

        assertThat(logs.tail("shop", 3)).containsExactly("line 48", "line 49", "line 50");
        assertThat(logs.tail("shop", 500)).hasSize(50).startsWith("line 1");
        assertThat(logs.tail("other", 10)).isEmpty();
    }

    @Test
    void aFullLogRollsOverKeepingTheOlderFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 1000, 2)) {
            byte[] line = "0123456789012345678901234567890123456789012345678\n".getBytes(StandardCharsets.UTF_8); // 50 bytes
            for (int i = 0; i < 70; i++) {
                log.write(line, 0, line.length);
            }
        }

        assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
        assertThat(dir.resolve("shop.log.1")).exists();
        assertThat(dir.resolve("shop.log.2")).exists();
        assertThat(dir.resolve("shop.log.3")).doesNotExist();
        assertThat(Files.size(dir.resolve("shop.log.1"))).isEqualTo(1000);
    }
}
