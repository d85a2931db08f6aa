package io.cohost.kernel.management.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAdminTokenTest {
    @TempDir
    Path data;

    @Test
    void ensureWritesAValidTokenReadableByTheOwnerOnly() throws Exception {
        ApiTokens tokens = ApiTokens.in(data);

        LocalAdminToken.ensure(data, tokens);

        String token = LocalAdminToken.read(data).orElseThrow();
        assertThat(tokens.verify(token)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(LocalAdminToken.NAME));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(LocalAdminToken.file(data)))).isEqualTo("rw-------");
    }

    @Test
    void aValidTokenIsKeptAcrossStarts() throws Exception {
        ApiTokens tokens = ApiTokens.in(data);
        LocalAdminToken.ensure(data, tokens);
        String first = LocalAdminToken.read(data).orElseThrow();

        LocalAdminToken.ensure(data, tokens);

        assertThat(LocalAdminToken.read(data)).contains(first);
        assertThat(tokens.list()).hasSize(1);
    }

    @Test
    void aRevokedTokenIsReplacedAtTheNextStart() throws Exception {
        ApiTokens tokens = ApiTokens.in(data);
        LocalAdminToken.ensure(data, tokens);
        String first = LocalAdminToken.read(data).orElseThrow();
        tokens.revoke(tokens.verify(first).orElseThrow().id());

        LocalAdminToken.ensure(data, tokens);

        String second = LocalAdminToken.read(data).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(tokens.verify(second)).isPresent();
    }

    @Test
    void noFileMeansNoToken() {
        assertThat(LocalAdminToken.read(data)).isEmpty();
    }
}
