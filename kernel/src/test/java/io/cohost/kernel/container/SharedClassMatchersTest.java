package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.jetty.util.ClassMatcher;
import org.junit.jupiter.api.Test;

/** Apps with the same class patterns read one shared matcher pair; an app's own copy is emptied and given back. */
class SharedClassMatchersTest {
    private static final String[] PROTECTED = {"java.", "jakarta.", "org.eclipse.jetty.ee10.servlet.DefaultServlet"};
    private static final String[] HIDDEN = {"org.eclipse.jetty.", "-org.eclipse.jetty.ee10.servlet.DefaultServlet", "-org.eclipse.jetty.jndi."};

    @Test
    void twoAppsWithTheSamePatternsShareMatchersThatMatchAsTheirOwnDid() {
        ClassMatcher shopProtected = new ClassMatcher(PROTECTED);
        ClassMatcher shopHidden = new ClassMatcher(HIDDEN);
        ClassMatcher blogProtected = new ClassMatcher(PROTECTED);
        ClassMatcher blogHidden = new ClassMatcher(HIDDEN);

        SharedClassMatchers.Pair shop = SharedClassMatchers.share(shopProtected, shopHidden);
        SharedClassMatchers.Pair blog = SharedClassMatchers.share(blogProtected, blogHidden);

        assertThat(blog.hiddenClasses()).isSameAs(shop.hiddenClasses());
        assertThat(blog.protectedClasses()).isSameAs(shop.protectedClasses());
        assertThat(shopHidden.getPatterns()).as("the app's own copy is emptied").isEmpty();
        assertThat(shop.hiddenClasses().match("org.eclipse.jetty.util.StringUtil")).isTrue();
        assertThat(shop.hiddenClasses().match("org.eclipse.jetty.ee10.servlet.DefaultServlet")).isFalse();
        assertThat(shop.hiddenClasses().match("org.eclipse.jetty.jndi.NamingContext")).isFalse();
        assertThat(shop.protectedClasses().match("jakarta.servlet.Servlet")).isTrue();
        assertThat(shop.protectedClasses().match("com.example.Shop")).isFalse();
    }

    @Test
    void aSharedMatcherCannotBeChangedByOneAppAndAStoppedAppGetsItsPatternsBack() {
        ClassMatcher ownProtected = new ClassMatcher(PROTECTED);
        ClassMatcher ownHidden = new ClassMatcher(HIDDEN);
        SharedClassMatchers.Pair shared = SharedClassMatchers.share(ownProtected, ownHidden);

        assertThatThrownBy(() -> shared.hiddenClasses().exclude("org.eclipse.jetty.util.")).isInstanceOf(UnsupportedOperationException.class);

        SharedClassMatchers.restore(shared, ownProtected, ownHidden);
        assertThat(ownHidden.getPatterns()).containsExactlyInAnyOrder(HIDDEN);
        assertThat(ownProtected.getPatterns()).containsExactlyInAnyOrder(PROTECTED);
    }

    @Test
    void differentPatternsGetDifferentMatchers() {
        SharedClassMatchers.Pair plain = SharedClassMatchers.share(new ClassMatcher(PROTECTED), new ClassMatcher(HIDDEN));
        ClassMatcher granted = new ClassMatcher(HIDDEN);
        granted.exclude("org.eclipse.jetty.util.");
        SharedClassMatchers.Pair withGrant = SharedClassMatchers.share(new ClassMatcher(PROTECTED), granted);

        assertThat(withGrant.hiddenClasses()).isNotSameAs(plain.hiddenClasses());
        assertThat(withGrant.hiddenClasses().match("org.eclipse.jetty.util.StringUtil")).isFalse();
        assertThat(plain.hiddenClasses().match("org.eclipse.jetty.util.StringUtil")).isTrue();
    }
}
