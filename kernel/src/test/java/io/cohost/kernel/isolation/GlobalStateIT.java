package io.cohost.kernel.isolation;

import io.cohost.kernel.testing.LiveHost;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each JVM-global change a tenant makes is seen by that tenant and by nobody else: not by a second
 * copy of the same app, not by the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GlobalStateIT {
    Path data;
    LiveHost host;
    Locale hostLocale;
    TimeZone hostZone;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        hostLocale = Locale.getDefault();
        hostZone = TimeZone.getDefault();
        host = new LiveHost(data);
        host.deploy("one", "global-mutator");
        host.deploy("two", "global-mutator");
    }

    @AfterAll
    void stop() throws Exception {
        host.close();
    }

    @Test
    void systemPropertySetByOneTenantIsSeenOnlyByIt() {
        assertThat(host.get("/one/property?key=cohost.test.color&value=red")).isEqualTo("red");
        assertThat(host.get("/two/property?key=cohost.test.color")).isEqualTo("null");
        assertThat(host.get("/two/property?key=cohost.test.color&value=blue")).isEqualTo("blue");
        assertThat(host.get("/one/property?key=cohost.test.color")).isEqualTo("red");
        assertThat(System.getProperty("cohost.test.color")).isNull();
    }

    @Test
    void tenantsStartFromTheHostsProperties() {
        assertThat(host.get("/one/property?key=java.version")).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void defaultLocaleAndTimeZoneArePerTenant() {
        assertThat(host.get("/one/locale?tag=fr-FR")).isEqualTo("fr-FR");
        assertThat(host.get("/one/timezone?id=Asia/Tokyo")).isEqualTo("Asia/Tokyo");

        assertThat(host.get("/two/locale")).isEqualTo(hostLocale.toLanguageTag());
        assertThat(host.get("/two/timezone")).isEqualTo(hostZone.getID());
        assertThat(Locale.getDefault()).isEqualTo(hostLocale);
        assertThat(TimeZone.getDefault().getID()).isEqualTo(hostZone.getID());
    }

    @Test
    void defaultUncaughtExceptionHandlerIsPerTenant() {
        assertThat(host.get("/one/handler?set=true")).isEqualTo("set");
        assertThat(host.get("/two/handler")).isEqualTo("none");
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNull();
    }

    @Test
    void setOutRedirectsOnlyTheTenantsOwnOutput() throws Exception {
        assertThat(host.get("/one/setout")).isEqualTo("captured");
        assertThat(host.get("/one/stdout?print=from-one")).contains("from-one");
        assertThat(host.get("/two/stdout?print=from-two")).doesNotContain("from-two").doesNotContain("from-one");

        Path twoLog = host.host.store().logsDir().resolve("two.log");
        assertThat(host.host.management().logs("two", 50)).contains("from-two");
        assertThat(Files.readString(twoLog)).doesNotContain("from-one");
    }

    @Test
    void javaUtilLoggingAndStandardErrorGoToTheTenantsOwnLog() throws Exception {
        assertThat(host.get("/two/jul?msg=two-was-here")).isEqualTo("logged");

        assertThat(host.host.management().logs("two", 50)).anyMatch(l -> l.contains("WARNING: two-was-here"))
                .anyMatch(l -> l.contains("stderr: two-was-here"));
        assertThat(host.host.management().logs("one", 200)).noneMatch(l -> l.contains("two-was-here"));
    }

    @Test
    void mbeansWithTheSameFixedNameDoNotCollideAndLeaveWithTheirTenant() throws Exception {
        assertThat(host.get("/one/mbean?register=true&value=1")).isEqualTo("1");
        assertThat(host.get("/two/mbean?register=true&value=2")).isEqualTo("2");
        assertThat(host.get("/one/mbean")).isEqualTo("1");

        var server = ManagementFactory.getPlatformMBeanServer();
        assertThat(server.isRegistered(new ObjectName("cohost.samples:type=Counter,name=fixed"))).isFalse();
        assertThat(server.queryNames(new ObjectName("cohost.samples:type=Counter,*"), null)).hasSize(2);

        host.host.management().stop("two");
        assertThat(server.queryNames(new ObjectName("cohost.samples:type=Counter,*"), null)).hasSize(1);
        assertThat(host.get("/one/mbean")).isEqualTo("1");
        host.host.management().start("two");
        assertThat(host.get("/two/mbean")).isEqualTo("unregistered");
    }

    @Test
    void shutdownHooksRunWhenTheTenantStopsNotAtJvmExit() throws Exception {
        // in the app's own work directory: the only place it may write
        Path marker = host.host.store().workDir("two").resolve("hook-ran");
        assertThat(host.get("/two/hook?file=" + marker)).isEqualTo("hook registered");
        assertThat(marker).doesNotExist();

        host.host.management().restart("two");

        assertThat(marker).hasContent("hook ran");
    }

    @Test
    void nativeLibrariesAreRefusedWithAClearMessage() {
        assertThat(host.get("/one/native")).contains("UnsatisfiedLinkError").contains("app 'one' may not load native library")
                .contains("nativeLibraries");
    }
}
