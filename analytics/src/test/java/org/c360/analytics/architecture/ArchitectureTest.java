package org.c360.analytics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine stays a plain library: no JavaFX, no app, no generator in it (ARCHITECTURE.md). */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.c360.analytics");

    @Test
    void engineDoesNotDependOnJavaFx() {
        ArchRule rule = noClasses().that().resideInAPackage("org.c360.analytics..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "com.sun.glass..")
                .because("the engine runs in tests, the CLI and benchmarks without a screen");
        rule.check(ENGINE);
    }

    @Test
    void engineDoesNotDependOnTheAppOrTheGenerator() {
        ArchRule rule = noClasses().that().resideInAPackage("org.c360.analytics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.c360.app..", "org.c360.datasets..");
        rule.check(ENGINE);
    }

    @Test
    void theRuleCatchesAViolation() {
        JavaClasses app = new ClassFileImporter().importClasses(UsesJavaFx.class);
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.awt..");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> rule.check(app));
    }

    /** A class that breaks the rule on purpose, to prove the check can fail. */
    static final class UsesJavaFx {
        java.awt.Point point = new java.awt.Point();
    }
}
