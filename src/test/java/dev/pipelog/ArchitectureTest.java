package dev.pipelog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of STYLE.md, held so they survive every change. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pipelog");
    }

    @Test
    void modelUsesOnlyTheJavaBaseModule() {
        classes().that().resideInAPackage("dev.pipelog.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.pipelog.model..", "java.lang..", "java.util..", "java.time..", "java.math..",
                        "java.nio.charset..", "java.security..", "java.io..")
                .because("records and enums are the shared language of every layer and must carry no framework")
                .check(classes);
    }

    @Test
    void engineNeverTouchesTheWindowOrTheHttpServer() {
        noClasses().that().resideInAnyPackage(
                        "dev.pipelog.model..", "dev.pipelog.store..", "dev.pipelog.ingest..",
                        "dev.pipelog.resilience..", "dev.pipelog.config..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "io.undertow..",
                        "org.xnio..", "atlantafx..", "dev.pipelog.ui..", "dev.pipelog.api..", "dev.pipelog.app..")
                .because("the same engine runs headless and under the window; --headless must not load JavaFX")
                .check(classes);
    }

    @Test
    void onlyTheStoreSpeaksSql() {
        noClasses().that().resideOutsideOfPackages("dev.pipelog.store..", "dev.pipelog.app..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.duckdb..")
                .because("JDBC lives behind LogStore; the UI thread and HTTP IO threads must never run it")
                .check(classes);
    }

    @Test
    void httpLayerStaysOutOfTheWindow() {
        noClasses().that().resideInAPackage("dev.pipelog.api..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.pipelog.ui..", "dev.pipelog.app..")
                .because("handlers are thin over the engine services, which the app wires in")
                .check(classes);
    }

    @Test
    void windowNeverTouchesTheHttpServer() {
        noClasses().that().resideInAPackage("dev.pipelog.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..", "dev.pipelog.api..")
                .because("the window reads through the same services the listener uses, never through HTTP internals")
                .check(classes);
    }

    @Test
    void concreteImplementationsAreNamedOnlyInTheCompositionRoot() {
        noClasses().that().resideInAnyPackage("dev.pipelog.ui..", "dev.pipelog.api..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("DuckDb")
                .because("views and handlers depend on the LogStore interface; app picks the implementation")
                .check(classes);
    }
}
