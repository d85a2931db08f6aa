package io.cohost.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.cohost.agent.archfixture.AgentClassUsingTheGovernor;
import io.cohost.governor.archfixture.GovernorClassUsingIsolation;
import io.cohost.isolation.archfixture.IsolationClassUsingTheKernel;
import io.cohost.kernel.HostConfig;
import io.cohost.kernel.archfixture.KernelClassUsingTheAdminPlane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules depend one way only:
 *
 * <pre>
 *   admin-web ─► kernel ─► classloader-isolation (io.cohost.isolation)
 *                      ├─► resource-governor     (io.cohost.governor)
 *                      └─► descriptor-agent      (io.cohost.agent)
 * </pre>
 *
 * Maven already refuses most reverse dependencies at compile time; these rules also catch a class put
 * in another module's package, and keep the two libraries apart. The rules are checked here because
 * this module's test class path holds every module's classes.
 */
class ModuleDependencyTest {
    static final ArchRule KERNEL_DOES_NOT_DEPEND_ON_ADMIN = noClasses()
            .that().resideInAPackage("io.cohost.kernel..")
            .should().dependOnClassesThat().resideInAPackage("io.cohost.admin..")
            .because("admin-web builds on the kernel's management API, and the kernel finds it only through ServiceLoader");

    static final ArchRule ISOLATION_IS_A_STANDALONE_LIBRARY = noClasses()
            .that().resideInAPackage("io.cohost.isolation..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cohost.kernel..", "io.cohost.admin..", "io.cohost.governor..",
                    "io.cohost.agent..")
            .because("classloader-isolation is a library the kernel composes; it knows neither the host nor the governor");

    // resource-governor has no classes yet; until it has, its rule passes rather than fails for want of classes.

    static final ArchRule GOVERNOR_IS_A_STANDALONE_LIBRARY = noClasses()
            .that().resideInAPackage("io.cohost.governor..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cohost.kernel..", "io.cohost.admin..", "io.cohost.isolation..",
                    "io.cohost.agent..")
            .because("resource-governor is a library the kernel composes, usable without Jetty; it knows neither the host nor the class loaders")
            .allowEmptyShould(true);

    static final ArchRule AGENT_IS_A_STANDALONE_LIBRARY = noClasses()
            .that().resideInAPackage("io.cohost.agent..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cohost.kernel..", "io.cohost.admin..", "io.cohost.isolation..",
                    "io.cohost.governor..")
            .because("the descriptor agent instruments the JDK for the host; tenants, quotas and rules are the host's, given to it as interfaces");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cohost");
    }

    @Test
    void productionClassesOfEveryModuleWithCodeAreImported() {
        assertThat(production.contain(HostConfig.class)).isTrue();
        assertThat(production.contain(AdminWebPlane.class)).isTrue();
        assertThat(production.stream().map(c -> c.getPackageName())).anyMatch(p -> p.startsWith("io.cohost.isolation"));
        assertThat(production.stream().map(c -> c.getPackageName())).anyMatch(p -> p.startsWith("io.cohost.agent"));
    }

    @Test
    void kernelDoesNotDependOnAdmin() {
        KERNEL_DOES_NOT_DEPEND_ON_ADMIN.check(production);
    }

    @Test
    void classloaderIsolationDependsOnNoOtherModule() {
        ISOLATION_IS_A_STANDALONE_LIBRARY.check(production);
    }

    @Test
    void resourceGovernorDependsOnNoOtherModule() {
        GOVERNOR_IS_A_STANDALONE_LIBRARY.check(production);
    }

    @Test
    void descriptorAgentDependsOnNoOtherModule() {
        AGENT_IS_A_STANDALONE_LIBRARY.check(production);
    }

    /** The rules catch real violations: classes of this module's tests that break each one on purpose. */
    @Test
    void rulesRejectDeliberateViolations() {
        JavaClasses violations = new ClassFileImporter().importClasses(KernelClassUsingTheAdminPlane.class,
                IsolationClassUsingTheKernel.class, GovernorClassUsingIsolation.class, AgentClassUsingTheGovernor.class,
                AdminWebPlane.class, HostConfig.class);

        assertThat(KERNEL_DOES_NOT_DEPEND_ON_ADMIN.evaluate(violations).hasViolation()).isTrue();
        assertThat(ISOLATION_IS_A_STANDALONE_LIBRARY.evaluate(violations).hasViolation()).isTrue();
        assertThat(GOVERNOR_IS_A_STANDALONE_LIBRARY.evaluate(violations).hasViolation()).isTrue();
        assertThat(AGENT_IS_A_STANDALONE_LIBRARY.evaluate(violations).hasViolation()).isTrue();
    }
}
