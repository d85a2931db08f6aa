package io.cohost.kernel.management.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {
    @TempDir
    Path data;

    @Test
    void firstStartGeneratesAStrongPasswordAndStoresOnlyItsHash() throws Exception {
        AdminCredentials credentials = AdminCredentials.in(data);

        Optional<String> generated = credentials.createIfMissing();

        assertThat(generated).hasValueSatisfying(p -> assertThat(p).hasSize(24));
        String stored = Files.readString(credentials.file());
        assertThat(stored).doesNotContain(generated.get()).contains("$pbkdf2-sha256$i=600000$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.file().getParent()))).isEqualTo("rwx------");
        assertThat(credentials.verify("admin", generated.get().toCharArray())).isTrue();
        assertThat(credentials.verify("root", generated.get().toCharArray())).isFalse();
        assertThat(credentials.verify("admin", "wrong password!".toCharArray())).isFalse();
    }

    @Test
    void aLaterStartKeepsTheExistingCredential() throws Exception {
        AdminCredentials credentials = AdminCredentials.in(data);
        String first = credentials.createIfMissing().orElseThrow();

        assertThat(AdminCredentials.in(data).createIfMissing()).isEmpty();
        assertThat(AdminCredentials.in(data).verify("admin", first.toCharArray())).isTrue();
    }

    @Test
    void resetReplacesThePasswordAndChangesTheFingerprint() throws Exception {
        AdminCredentials credentials = AdminCredentials.in(data);
        String old = credentials.createIfMissing().orElseThrow();
        String before = credentials.fingerprint();

        String fresh = AdminCredentials.in(data).reset();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(credentials.verify("admin", old.toCharArray())).isFalse();
        assertThat(credentials.verify("admin", fresh.toCharArray())).isTrue();
        assertThat(credentials.fingerprint()).isNotEqualTo(before).isNotEmpty();
    }

    @Test
    void noCredentialMeansNoLogin() {
        AdminCredentials credentials = AdminCredentials.in(data);

        assertThat(credentials.verify("admin", "anything at all".toCharArray())).isFalse();
        assertThat(credentials.fingerprint()).isEmpty();
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThatThrownBy(() -> AdminCredentials.in(data).setPassword("short".toCharArray()))
                .hasMessageContaining("at least 12 characters");
    }
}
