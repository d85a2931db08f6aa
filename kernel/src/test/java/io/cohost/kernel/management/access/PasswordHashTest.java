package io.cohost.kernel.management.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashVerifiesItsPasswordOnlyAndCarriesItsWorkFactor() {
        String stored = PasswordHash.create("correct horse battery".toCharArray());

        assertThat(stored).startsWith("$pbkdf2-sha256$i=600000$").doesNotContain("correct horse");
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), stored)).isTrue();
        assertThat(PasswordHash.verify("correct horse batterx".toCharArray(), stored)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeBecauseOfItsSalt() {
        String a = PasswordHash.create("same password".toCharArray(), 1_000);
        String b = PasswordHash.create("same password".toCharArray(), 1_000);

        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHash.verify("same password".toCharArray(), a)).isTrue();
        assertThat(PasswordHash.verify("same password".toCharArray(), b)).isTrue();
    }

    @Test
    void theIterationCountIsReadFromTheStoredHash() {
        String weaker = PasswordHash.create("old password".toCharArray(), 1_000);

        assertThat(weaker).startsWith("$pbkdf2-sha256$i=1000$");
        assertThat(PasswordHash.verify("old password".toCharArray(), weaker)).isTrue();
        assertThat(PasswordHash.verify("old password".toCharArray(), weaker.replace("i=1000", "i=1001"))).isFalse();
    }

    @Test
    void somethingThatIsNotAHashNeverVerifies() {
        assertThat(PasswordHash.verify("x".toCharArray(), "x")).isFalse();
        assertThat(PasswordHash.verify("".toCharArray(), "")).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "$pbkdf2-sha256$i=0$AAAA$AAAA")).isFalse();
    }
}
