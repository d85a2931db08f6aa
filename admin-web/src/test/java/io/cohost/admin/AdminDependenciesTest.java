package io.cohost.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The admin plane reaches the host only through the kernel's management API and the admin-plane SPI
 * (whose context hands it the host's configuration), so it has no second way to the registry.
 */
class AdminDependenciesTest {
    private final JavaClasses admin = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cohost.admin");

    @Test
    void adminWebUsesOnlyTheKernelsManagementApiAndSpi() {
        noClasses().should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("kernel internals",
                                c -> c.getPackageName().startsWith("io.cohost.kernel")
                                        && !c.getPackageName().startsWith("io.cohost.kernel.management")
                                        && !c.getPackageName().equals("io.cohost.kernel.spi")
                                        && !c.getName().equals("io.cohost.kernel.HostConfig")))
                .because("the UI and REST API must go through HostManagement, the one path to the registry")
                .check(admin);
    }
}
