package dev.heartwood.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.heartwood.core");

    @Test
    void core_whenImported_containsClasses() {
        // Guards the rules below: an empty import would make every rule pass.
        assertThat(CORE).isNotEmpty();
    }

    @Test
    void core_dependsOnNoFrameworkOrAdapter() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.heartwood.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "io.quarkus..", "picocli..", "jakarta..",
                        "dev.heartwood.aws..", "dev.heartwood.local..", "dev.heartwood.cli..", "dev.heartwood.lambda..")
                .because("core holds the domain and its ports; adapters and runtimes depend on it, never the reverse");
        rule.check(CORE);
    }

    @Test
    void core_hasNoGrabBagPackages() {
        ArchRule rule = noClasses().should().resideInAnyPackage("..util..", "..common..", "..manager..", "..helper..")
                .because("core is organised by feature");
        rule.check(CORE);
    }
}
