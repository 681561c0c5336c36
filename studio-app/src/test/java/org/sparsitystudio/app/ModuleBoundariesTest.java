package org.sparsitystudio.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module directions of ARCHITECTURE.md: studio-app → charts → persistence → experiments
 * → kernels → ND4J, JavaFX only in charts and studio-app, JDBC only in persistence, ND4J only below
 * charts. The Maven enforcer bans the JavaFX dependency as well; this checks the imports.
 */
class ModuleBoundariesTest {

    private static final String KERNELS = "org.sparsitystudio.kernels..";
    private static final String EXPERIMENTS = "org.sparsitystudio.experiments..";
    private static final String PERSISTENCE = "org.sparsitystudio.persistence..";
    private static final String CHARTS = "org.sparsitystudio.charts..";
    private static final String APP = "org.sparsitystudio.app..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sparsitystudio");
    }

    @Test
    void kernelsKnowNothingAboveThem() {
        noClasses().that().resideInAPackage(KERNELS)
                .should().dependOnClassesThat().resideInAnyPackage(EXPERIMENTS, PERSISTENCE, CHARTS, APP,
                        "javafx..", "java.sql..")
                .check(classes);
    }

    @Test
    void experimentsKnowNeitherStorageNorGui() {
        noClasses().that().resideInAPackage(EXPERIMENTS)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, CHARTS, APP, "javafx..", "java.sql..")
                .check(classes);
    }

    @Test
    void persistenceKnowsNoGui() {
        noClasses().that().resideInAPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage(CHARTS, APP, "javafx..")
                .allowEmptyShould(true) // the module has no classes until the engine lands
                .check(classes);
    }

    @Test
    void chartsKnowNeitherJdbcNorTensors() {
        noClasses().that().resideInAPackage(CHARTS)
                .should().dependOnClassesThat().resideInAnyPackage(APP, "java.sql..", "org.nd4j..", KERNELS)
                .allowEmptyShould(true) // the module has no classes until the studio lands
                .check(classes);
    }

    @Test
    void appDoesNotComputeWithTensors() {
        noClasses().that().resideInAPackage(APP)
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", KERNELS)
                .check(classes);
    }

    @Test
    void theRulesSeeTheWholeCodeBase() {
        // an empty import would make every rule above pass vacuously
        org.junit.jupiter.api.Assertions.assertTrue(
                classes.contain("org.sparsitystudio.kernels.nn.Linear")
                        && classes.contain("org.sparsitystudio.app.cli.StudioCommand"),
                "ArchUnit did not import the modules' classes");
    }
}
