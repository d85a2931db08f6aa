package io.cohost.kernel.management.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path data;

    private static AuditEntry entry(int i) {
        return new AuditEntry("2025-01-01T00:00:0" + (i % 10) + "Z", "admin", "ui", "127.0.0.1", "stop", "app" + i,
                AuditEntry.OK, "");
    }

    @Test
    void entriesAreAppendedAsJsonLinesAndReadNewestFirst() throws Exception {
        AuditLog log = AuditLog.in(data);
        log.append(entry(1));
        log.append(entry(2));
        log.append(entry(3));

        assertThat(Files.readAllLines(log.file())).hasSize(3).allMatch(l -> l.startsWith("{\"at\":"));
        assertThat(log.recent(2)).extracting(AuditEntry::target).containsExactly("app3", "app2");
        assertThat(AuditLog.in(data).recent(10)).hasSize(3);
    }

    @Test
    void aTornLineIsSkippedAndTheRestIsRead() throws Exception {
        AuditLog log = AuditLog.in(data);
        log.append(entry(1));
        Files.writeString(log.file(), "{\"at\":\"2025-01-01T00:00:00Z\",\"who\n", StandardOpenOption.APPEND);
        log.append(entry(2));

        assertThat(log.recent(10)).extracting(AuditEntry::target).containsExactly("app2", "app1");
    }

    @Test
    void aFullLogIsRotatedOnceAndNotLost() throws Exception {
        AuditLog log = new AuditLog(data.resolve("admin/audit.log"), 300);
        for (int i = 0; i < 6; i++) {
            log.append(entry(i));
        }

        Path rotated = data.resolve("admin/audit.log.1");
        assertThat(rotated).exists();
        assertThat(Files.size(log.file())).isLessThan(600);
        long total = Files.readAllLines(rotated).size() + Files.readAllLines(log.file()).size();
        assertThat(total).isLessThanOrEqualTo(6).isGreaterThan(1);
        assertThat(log.recent(1)).extracting(AuditEntry::target).containsExactly("app5");
    }

    @Test
    void noLogReadsAsEmpty() {
        assertThat(AuditLog.in(data).recent(10)).isEmpty();
    }
}
