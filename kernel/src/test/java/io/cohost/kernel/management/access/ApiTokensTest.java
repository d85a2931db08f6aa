package io.cohost.kernel.management.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohost.kernel.management.ManagementException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
    @TempDir
    Path data;

    @Test
    void aCreatedTokenVerifiesAndOnlyItsHashIsStored() throws Exception {
        ApiTokens tokens = ApiTokens.in(data);

        ApiTokens.IssuedToken issued = tokens.create("prometheus", "admin");

        assertThat(issued.token()).startsWith(ApiTokens.PREFIX).hasSizeGreaterThan(40);
        assertThat(tokens.verify(issued.token())).contains(issued.info());
        String file = Files.readString(data.resolve("admin/tokens.json"));
        assertThat(file).doesNotContain(issued.token()).contains(ApiTokens.sha256(issued.token())).contains("prometheus");
        assertThat(tokens.list()).containsExactly(issued.info());
    }

    @Test
    void aRevokedTokenNoLongerVerifiesAndOthersStillDo() {
        ApiTokens tokens = ApiTokens.in(data);
        ApiTokens.IssuedToken kept = tokens.create("kept", "admin");
        ApiTokens.IssuedToken revoked = tokens.create("revoked", "admin");

        tokens.revoke(revoked.info().id());

        assertThat(tokens.verify(revoked.token())).isEmpty();
        assertThat(tokens.verify(kept.token())).isPresent();
        assertThat(tokens.list()).extracting(ApiTokens.TokenInfo::name).containsExactly("kept");
    }

    @Test
    void aChangeByAnotherInstanceCountsAtOnce() {
        ApiTokens host = ApiTokens.in(data);
        ApiTokens cli = ApiTokens.in(data);

        ApiTokens.IssuedToken issued = cli.create("script", "cli");
        assertThat(host.verify(issued.token())).isPresent();

        cli.revoke(issued.info().id());
        assertThat(host.verify(issued.token())).isEmpty();
    }

    @Test
    void unknownAndMalformedTokensDoNotVerify() {
        ApiTokens tokens = ApiTokens.in(data);
        tokens.create("one", "admin");

        assertThat(tokens.verify("cohost_notatoken")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void revokingAnUnknownIdSaysSo() {
        assertThatThrownBy(() -> ApiTokens.in(data).revoke("nope"))
                .isInstanceOf(ManagementException.class)
                .hasMessageContaining("no API token with id 'nope'");
    }

    @Test
    void aNameMustBePlain() {
        assertThatThrownBy(() -> ApiTokens.in(data).create("<script>", "admin"))
                .isInstanceOf(ManagementException.class)
                .hasMessageContaining("invalid token name");
    }
}
