package io.cohost.kernel.sandbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohost.kernel.management.AccessPolicy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
    private static InetAddress named(String name, int... ip) throws Exception {
        byte[] b = new byte[ip.length];
        for (int i = 0; i < ip.length; i++) {
            b[i] = (byte) ip[i];
        }
        return InetAddress.getByAddress(name, b);
    }

    @Test
    void starAllowsEveryDestination() throws Exception {
        NetworkRules rules = new NetworkRules("shop", AccessPolicy.ANYWHERE);

        assertThatCode(() -> rules.check(named("example.com", 93, 184, 216, 34), 443)).doesNotThrowAnyException();
    }

    @Test
    void aHostMatchesByTheNameTheAppUsedOrByItsAddress() throws Exception {
        NetworkRules rules = new NetworkRules("shop", List.of("db.internal:5432", "10.0.0.9:80"));

        assertThatCode(() -> rules.check(named("db.internal", 10, 0, 0, 5), 5432)).doesNotThrowAnyException();
        assertThatCode(() -> rules.check(named(null, 10, 0, 0, 9), 80)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.check(named("db.internal", 10, 0, 0, 5), 5433)).isInstanceOf(ConnectException.class)
                .hasMessage("app 'shop' may not connect to db.internal (10.0.0.5):5433: not in its network allow-list"
                        + " [db.internal:5432, 10.0.0.9:80]; add the destination to 'network' in the app's access policy");
        assertThatThrownBy(() -> rules.check(named(null, 10, 0, 0, 5), 5432)).hasMessageStartingWith("app 'shop' may not connect to 10.0.0.5:5432");
    }

    @Test
    void domainWildcardsPortRangesAndIpv6() throws Exception {
        NetworkRules rules = new NetworkRules("shop", List.of("*.example.com:443", "10.0.0.7:8000-8100", "[::1]:*"));

        assertThatCode(() -> rules.check(named("api.example.com", 1, 2, 3, 4), 443)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.check(named("example.com", 1, 2, 3, 4), 443)).isInstanceOf(ConnectException.class);
        assertThatCode(() -> rules.check(named(null, 10, 0, 0, 7), 8050)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.check(named(null, 10, 0, 0, 7), 8101)).isInstanceOf(ConnectException.class);
        assertThatCode(() -> rules.check(InetAddress.getByName("::1"), 9)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyListAllowsNothing() {
        NetworkRules rules = new NetworkRules("shop", List.of());

        assertThatThrownBy(() -> rules.check(InetAddress.getLoopbackAddress(), 80)).isInstanceOf(ConnectException.class);
    }
}
