package dev.xreg.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md, modules: {@code cli} is an HTTP client only. Its code may use the JDK, picocli
 * and Jackson, and nothing of the server (no other dev.xreg module, no Vert.x), so that it
 * works against any xRegistry server and stays a small jar.
 */
class ClientOnlyTest {
  @Test
  void theCliDependsOnlyOnTheJdkPicocliAndJackson() {
    JavaClasses cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.xreg.cli");
    classes().that().resideInAPackage("dev.xreg.cli..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.xreg.cli..", "java..", "javax..", "picocli..",
            "com.fasterxml.jackson..")
        .check(cli);
  }
}
