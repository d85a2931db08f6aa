package io.cohost.governor.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk's visited set: identity, growth, and what it keeps between walks. */
class IdentityTableTest {

    @Test
    void objectsAreSetMembersByIdentityNotEquality() {
        IdentityTable table = new IdentityTable(16);
        String a = new String("x");
        String b = new String("x");
        assertThat(table.add(a)).isTrue();
        assertThat(table.add(a)).isFalse();
        assertThat(table.add(b)).as("an equal but distinct object").isTrue();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aTableGrownPastWhatIsKeptIsDroppedOnClearAndForgetsEverything() {
        IdentityTable table = new IdentityTable(16);
        List<Object> objects = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            objects.add(new Object());
            table.add(objects.get(i));
        }
        assertThat(table.capacity()).isGreaterThan(1024);

        table.clear(1024);

        assertThat(table.capacity()).isEqualTo(1024);
        assertThat(table.size()).isZero();
        assertThat(table.add(objects.get(0))).as("forgotten").isTrue();
    }

    @Test
    void aSmallTableKeepsItsMemoryOnClear() {
        IdentityTable table = new IdentityTable(16);
        table.add(new Object());
        int capacity = table.capacity();

        table.clear(1024);

        assertThat(table.capacity()).isEqualTo(capacity);
        assertThat(table.size()).isZero();
    }
}
