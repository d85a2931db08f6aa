package io.cohost.kernel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileRulesTest {
    private static final Path DATA = Path.of("/srv/cohost/data");
    private static final Path WORK = DATA.resolve("work/shop");
    private static final Path WAR = DATA.resolve("apps/shop/wars/abc.war");
    private static final Path JDK = Path.of("/opt/jdk");

    private final FileRules rules = new FileRules("shop", List.of(
            new FileRules.Root(WORK, true, "its work directory"),
            new FileRules.Root(WAR, false, false, "its WAR"),
            new FileRules.Root(WORK.resolve("catalog"), false, "granted read")), List.of(JDK));

    @Test
    void itsWorkDirectoryIsReadableWritableAndCharged() throws AccessDeniedException {
        assertThat(rules.check(WORK.resolve("a/b.txt"), true)).isTrue();
        assertThat(rules.check(WORK, false)).isTrue();
    }

    @Test
    void everythingElseIsRefusedNamingThePathAndTheRule() {
        assertThatThrownBy(() -> rules.check(DATA.resolve("work/other/own.txt"), false))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("/srv/cohost/data/work/other/own.txt: refused: outside the files of app 'shop' (read-write: its work"
                        + " directory /srv/cohost/data/work/shop; read: its WAR /srv/cohost/data/apps/shop/wars/abc.war, granted read"
                        + " /srv/cohost/data/work/shop/catalog); grant other paths with 'paths' in the app's access policy");
        assertThatThrownBy(() -> rules.check(Path.of("/etc/passwd"), false)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rules.check(DATA.resolve("apps/shop/app.json"), false)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void dotsCannotClimbOutOfTheWorkDirectory() {
        assertThatThrownBy(() -> rules.check(WORK.resolve("../other/own.txt"), false))
                .isInstanceOf(AccessDeniedException.class).hasMessageStartingWith("/srv/cohost/data/work/other/own.txt: refused");
        assertThatThrownBy(() -> rules.check(Path.of(WORK + "-evil/x"), true)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theWarIsReadableNotWritableAndNotCharged() throws AccessDeniedException {
        assertThat(rules.check(WAR, false)).isFalse();
        assertThat(rules.charges(WAR)).isFalse();
        assertThatThrownBy(() -> rules.check(WAR, true)).hasMessageEndingWith(
                "refused: app 'shop' may only read its WAR /srv/cohost/data/apps/shop/wars/abc.war;"
                        + " grant 'read-write' with 'paths' in the app's access policy");
    }

    @Test
    void theMostSpecificRootDecides() {
        assertThatThrownBy(() -> rules.check(WORK.resolve("catalog/items.txt"), true)).hasMessageContaining("may only read granted read");
    }

    @Test
    void theHostsSharedFilesAreReadableUnchargedAndNeverWritable() throws AccessDeniedException {
        assertThat(rules.check(JDK.resolve("lib/tzdb.dat"), false)).isFalse();
        assertThat(rules.charges(JDK.resolve("lib/tzdb.dat"))).isFalse();
        assertThatThrownBy(() -> rules.check(JDK.resolve("lib/tzdb.dat"), true)).isInstanceOf(AccessDeniedException.class);
        assertThat(rules.charges(Path.of("/etc/passwd"))).isTrue();
    }
}
