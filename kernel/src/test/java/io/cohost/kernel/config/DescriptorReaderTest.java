package io.cohost.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorReaderTest {
    @Test
    void readsEveryFieldFromYaml() {
        AppDescriptor d = DescriptorReader.read("""
                contextPath: /shop
                systemProperties: { shop.mode: production }
                realms:
                  Shop Realm:
                    users:
                      alice: { password: "MD5:5f4dcc3b5aa765d61d8327deb882cf99", roles: [admin, user] }
                jndi:
                  env:
                    maxAmount: { type: java.lang.Double, value: "100" }
                    greeting: hello
                  resources:
                    jdbc/shop: { class: org.h2.jdbcx.JdbcDataSource, properties: { url: "jdbc:h2:mem:shop" } }
                  userTransaction: { class: com.example.Tx }
                hostPackages: [org.eclipse.jetty.util.]
                excludeInitializers: [org.apache.Old, com.legacy.*]
                classPath: [/opt/lib/a.jar]
                nativeLibraries: true
                quota: { cpu: 250m }
                """);
        assertThat(d.contextPath()).hasValue("/shop");
        assertThat(d.systemProperties()).containsEntry("shop.mode", "production");
        assertThat(d.realms()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Shop Realm");
            assertThat(r.users().get("alice").roles()).containsExactly("admin", "user");
        });
        assertThat(d.jndi().env().get("maxAmount").typedValue()).isEqualTo(100.0);
        assertThat(d.jndi().env().get("greeting").typedValue()).isEqualTo("hello");
        assertThat(d.jndi().resources().get("jdbc/shop").properties()).containsEntry("url", "jdbc:h2:mem:shop");
        assertThat(d.jndi().userTransaction()).hasValueSatisfying(t -> assertThat(t.className()).isEqualTo("com.example.Tx"));
        assertThat(d.hostPackages()).containsExactly("org.eclipse.jetty.util.");
        assertThat(d.excludeInitializers()).containsExactly("org.apache.Old", "com.legacy.*");
        assertThat(d.classPath()).containsExactly("/opt/lib/a.jar");
        assertThat(d.nativeLibraries()).isTrue();
        assertThat(d.quota()).containsEntry("cpu", "250m");
    }

    @Test
    void readsJsonAndTreatsBlankAsEmpty() {
        assertThat(DescriptorReader.read("{\"systemProperties\": {\"a\": \"b\"}}").systemProperties()).containsEntry("a", "b");
        assertThat(DescriptorReader.read("  ")).isEqualTo(AppDescriptor.empty());
    }

    @Test
    void errorsNameTheFieldAndTheAcceptedForms() {
        assertRejected("contextPath: shop", "contextPath", "single segment");
        assertRejected("hostPackages: [org.eclipse.jetty.util]", "hostPackages", "ending in '.'");
        assertRejected("jndi: { env: { n: { type: java.util.Date, value: x } } }", "jndi.env.n.type", "java.lang.Integer");
        assertRejected("jndi: { resources: { jdbc/x: { properties: {} } } }", "jndi.resources.jdbc/x.class", "fully qualified class name");
        assertRejected("realms: { R: { users: { u: { password: \"MD5:abc\" } } } }", "realms.R.users.u.password", "32 hex digits");
        assertRejected("classPath: [lib/a.jar]", "classPath", "absolute paths");
        assertRejected("nativeLibraries: maybe", "nativeLibraries", "true or false");
        assertRejected("quota: { cpu: [1, 2] }", "quota.cpu", "cpu: 250m");
        assertRejected("colour: blue", "colour", "systemProperties");
        assertRejected("contextPath: [", "(document)", "YAML or JSON");
    }

    private static void assertRejected(String yaml, String field, String accepted) {
        assertThatThrownBy(() -> DescriptorReader.read(yaml))
                .isInstanceOf(InvalidDescriptorException.class)
                .hasMessageContaining("field '" + field + "'")
                .hasMessageContaining("accepted:")
                .hasMessageContaining(accepted);
    }

    @Test
    void operatorValuesOverrideTheWarsDefaultsAndMapsMergeByKey() {
        AppDescriptor war = DescriptorReader.read("""
                contextPath: /war
                systemProperties: { a: war, b: war }
                jndi: { env: { x: "1", y: "2" } }
                """);
        AppDescriptor operator = DescriptorReader.read("""
                systemProperties: { b: operator }
                jndi: { env: { y: "3" } }
                """);
        AppDescriptor merged = war.overriddenBy(operator);
        assertThat(merged.contextPath()).hasValue("/war");
        assertThat(merged.systemProperties()).isEqualTo(Map.of("a", "war", "b", "operator"));
        assertThat(merged.jndi().env().get("x").value()).isEqualTo("1");
        assertThat(merged.jndi().env().get("y").value()).isEqualTo("3");
    }

    @Test
    void aWarCannotGrantItselfOperatorOnlyFields() {
        AppDescriptor war = DescriptorReader.read("""
                hostPackages: [org.eclipse.jetty.]
                nativeLibraries: true
                classPath: [/etc/x.jar]
                quota: { cpu: "64", memory: unlimited }
                access: { paths: { /etc: read }, processes: true }
                systemProperties: { a: b }
                """);
        assertThat(war.operatorOnlyFieldsSet()).containsExactly("hostPackages", "classPath", "nativeLibraries", "quota: unlimited",
                "access");
        AppDescriptor own = war.withoutOperatorOnlyFields();
        assertThat(own.operatorOnlyFieldsSet()).isEmpty();
        assertThat(own.access()).isEmpty();
        assertThat(own.systemProperties()).containsEntry("a", "b");
        assertThat(own.hostPackages()).isEqualTo(List.of());
        assertThat(own.quota()).as("a WAR may propose limits, not lift them").containsExactly(java.util.Map.entry("cpu", "64"));
    }

    @Test
    void theAccessPolicyIsReadAndABadOneNamesTheFieldAndTheForms() {
        AppDescriptor d = DescriptorReader.read("""
                access:
                  paths: { /srv/catalog: read, /var/cache/shop: read-write }
                  network: [ "db.internal:5432" ]
                  processes: true
                """);

        assertThat(d.access()).hasValue(new io.cohost.kernel.management.AccessPolicy(
                Map.of("/srv/catalog", "read", "/var/cache/shop", "read-write"), List.of("db.internal:5432"), true));
        assertThat(DescriptorReader.read("access: { processes: false }").access()).hasValue(io.cohost.kernel.management.AccessPolicy.defaults());
        assertThat(DescriptorReader.read("contextPath: /x").access()).isEmpty();
        assertThatThrownBy(() -> DescriptorReader.read("access: { paths: { srv: read } }"))
                .isInstanceOf(InvalidDescriptorException.class)
                .hasMessage("field 'access': path 'srv' must be absolute, e.g. /srv/shared/catalog; accepted: {paths: {ABSOLUTE_PATH:"
                        + " read|read-write}, network: [HOST:PORT, ...], processes: true|false}");
    }
}
