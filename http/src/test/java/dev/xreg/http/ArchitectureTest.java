package dev.xreg.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layout of DESIGN.md and README, as rules over the compiled classes of every
 * module (issue 12): {@code core} imports nothing of ours; {@code storage} only {@code core};
 * the API modules ({@code xregistry}, {@code oci}, {@code cnr}, {@code events}) never each other; only
 * {@code http} assembles; {@code metrics} stays a leaf. A change that breaks one fails here.
 */
class ArchitectureTest {
  private static final String CORE = "dev.xreg.core..";
  private static final String STORAGE = "dev.xreg.storage..";
  private static final String FORMATS = "dev.xreg.formats..";
  private static final String API = "dev.xreg.api..";
  private static final String XREGISTRY = "dev.xreg.xregistry..";
  private static final String OCI = "dev.xreg.oci..";
  private static final String CNR = "dev.xreg.cnr..";
  private static final String EVENTS = "dev.xreg.events..";
  private static final String HTTP = "dev.xreg.http..";
  private static final String METRICS = "dev.xreg.metrics..";
  private static final String AUTH = "dev.xreg.auth..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.xreg");
  }

  @Test
  void everyModuleIsOnTheClassPath() {
    // the rules below would pass vacuously for a module whose classes were not imported
    for (String pkg : new String[] {"dev.xreg.core", "dev.xreg.storage", "dev.xreg.formats", "dev.xreg.api",
        "dev.xreg.xregistry", "dev.xreg.oci", "dev.xreg.cnr", "dev.xreg.events", "dev.xreg.http", "dev.xreg.metrics", "dev.xreg.auth"}) {
      org.assertj.core.api.Assertions.assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
          .as(pkg).isTrue();
    }
  }

  @Test
  void coreImportsNothingOfOursNorVertx() {
    check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat()
        .resideInAnyPackage(STORAGE, FORMATS, API, XREGISTRY, OCI, CNR, EVENTS, HTTP, METRICS, "io.vertx.."));
  }

  @Test
  void storageImportsOnlyCoreAndKnowsNoHttp() {
    check(noClasses().that().resideInAPackage(STORAGE).should().dependOnClassesThat()
        .resideInAnyPackage(FORMATS, API, XREGISTRY, OCI, CNR, EVENTS, HTTP, METRICS, "io.vertx.ext.web..",
            "io.vertx.core.http.."));
  }

  @Test
  void formatsImportOnlyCore() {
    check(noClasses().that().resideInAPackage(FORMATS).should().dependOnClassesThat()
        .resideInAnyPackage(STORAGE, API, XREGISTRY, OCI, CNR, EVENTS, HTTP, METRICS, "io.vertx.."));
  }

  @Test
  void theApiSpiKnowsNoApi() {
    check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat()
        .resideInAnyPackage(XREGISTRY, OCI, CNR, EVENTS, HTTP, METRICS, FORMATS));
  }

  @Test
  void apiModulesArePeers() {
    check(noClasses().that().resideInAPackage(XREGISTRY).should().dependOnClassesThat()
        .resideInAnyPackage(OCI, CNR, EVENTS, HTTP, METRICS, FORMATS));
    check(noClasses().that().resideInAPackage(OCI).should().dependOnClassesThat()
        .resideInAnyPackage(XREGISTRY, CNR, EVENTS, HTTP, METRICS, FORMATS));
    check(noClasses().that().resideInAPackage(CNR).should().dependOnClassesThat()
        .resideInAnyPackage(XREGISTRY, OCI, EVENTS, HTTP, METRICS, FORMATS));
    check(noClasses().that().resideInAPackage(EVENTS).should().dependOnClassesThat()
        .resideInAnyPackage(XREGISTRY, OCI, CNR, HTTP, METRICS, FORMATS));
  }

  /** Auth sees requests only through the api SPI (Access, Caller): no API, and no API sees it (issue 19). */
  @Test
  void authKnowsOnlyTheApiSpi() {
    check(noClasses().that().resideInAPackage(AUTH).should().dependOnClassesThat()
        .resideInAnyPackage(XREGISTRY, OCI, CNR, EVENTS, HTTP, METRICS, FORMATS));
    check(noClasses().that().resideInAnyPackage(CORE, STORAGE, FORMATS, API, XREGISTRY, OCI, CNR, EVENTS, METRICS)
        .should().dependOnClassesThat().resideInAPackage(AUTH));
  }

  @Test
  void metricsIsALeaf() {
    check(noClasses().that().resideInAPackage(METRICS).should().dependOnClassesThat()
        .resideInAnyPackage(CORE, STORAGE, FORMATS, API, XREGISTRY, OCI, CNR, EVENTS, HTTP));
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }
}
