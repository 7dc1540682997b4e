package dev.xreg.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import org.junit.jupiter.api.Test;

/** The rules a model definition itself must follow (checklist 3.7, model.md). */
class ModelRulesTest {
  /** A Group type "dirs" with a Resource type "files"; %s are the file type's extra aspects. */
  private static final String FILES = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",%s\"resources\":{\"files\":"
      + "{\"singular\":\"file\"%s}}}}}";

  private static String files(String aspects) {
    return String.format(FILES, "", aspects.isEmpty() ? "" : "," + aspects);
  }

  private static String dirs(String groupAspects, String fileAspects) {
    return String.format(FILES, groupAspects + ",", fileAspects.isEmpty() ? "" : "," + fileAspects);
  }

  @Test
  void specAttributesMayBeNarrowedButNotChanged_CORE_MOD_006() {
    Model narrowed = parse(files("\"attributes\":{\"format\":{\"type\":\"string\",\"required\":true,"
        + "\"enum\":[\"a\",\"b\"]}}"));
    // the full model overlays the narrowing on the spec definition, keeping the spec's other aspects
    assertThat(narrowed.full().at("/groups/dirs/resources/files/attributes/format/required").asBoolean()).isTrue();
    assertThat(narrowed.full().at("/groups/dirs/resources/files/attributes/format/enum").size()).isEqualTo(2);
    assertThat(narrowed.full().at("/groups/dirs/resources/files/attributes/format/name").asText()).isEqualTo("format");
    // restating spec aspects as they are is fine
    parse("{\"attributes\":{\"epoch\":{\"type\":\"uinteger\",\"readonly\":true,\"required\":true}}}");

    assertModelError(files("\"attributes\":{\"format\":{\"type\":\"integer\"}}"),
        "groups.dirs.resources.files.attributes.format.type");
    assertModelError("{\"attributes\":{\"epoch\":{\"type\":\"uinteger\",\"readonly\":false}}}",
        "attributes.epoch.readonly");
    assertModelError("{\"attributes\":{\"createdat\":{\"type\":\"timestamp\",\"required\":false}}}",
        "attributes.createdat.required");
    assertModelError("{\"attributes\":{\"specversion\":{\"type\":\"string\",\"default\":null}}}",
        "attributes.specversion.default");
    // a collection attribute of the level is spec-defined too
    assertModelError(dirs("\"attributes\":{\"filescount\":{\"type\":\"string\"}}", ""),
        "groups.dirs.attributes.filescount.type");
  }

  @Test
  void starAttributeIsNeverRequiredReadonlyOrConditional_CORE_MOD_010() {
    parse("{\"attributes\":{\"*\":{\"type\":\"any\"}}}");
    assertModelError("{\"attributes\":{\"*\":{\"type\":\"any\",\"required\":true}}}", "attributes.*.required");
    assertModelError("{\"attributes\":{\"*\":{\"type\":\"any\",\"readonly\":true}}}", "attributes.*.readonly");
    assertModelError("{\"attributes\":{\"*\":{\"type\":\"string\",\"ifvalues\":{\"a\":{}}}}}", "attributes.*.ifvalues");
    // also inside nested objects
    assertModelError("{\"attributes\":{\"o\":{\"type\":\"object\",\"attributes\":{\"*\":{\"type\":\"any\","
        + "\"required\":true}}}}}", "attributes.o.attributes.*.required");
  }

  @Test
  void ifvaluesRules_CORE_MOD_011() {
    String ok = "{\"attributes\":{\"kind\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"],\"ifvalues\":{\"a\":"
        + "{\"siblingattributes\":{\"extra\":{\"type\":\"string\"}}}}}}}";
    parse(ok);
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"object\",\"ifvalues\":{\"a\":{}}}}}",
        "only allowed on scalar");
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"string\",\"ifvalues\":{\"\":{}}}}}", "empty key");
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"string\",\"ifvalues\":{\"^a\":{}}}}}",
        "attributes.kind.ifvalues.^a");
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"string\",\"ifvalues\":{\"a\":{},\"A\":{}}}}}",
        "ignoring case");
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"string\",\"enum\":[\"a\"],\"ifvalues\":{\"c\":{}}}}}",
        "attributes.kind.ifvalues.c");
    // a non-strict enum is only a suggestion, so other values may have ifvalues
    parse("{\"attributes\":{\"kind\":{\"type\":\"string\",\"enum\":[\"a\"],\"strict\":false,\"ifvalues\":{\"c\":{}}}}}");
    // siblings must not redefine a named attribute of the level (spec-defined ones included)
    assertModelError("{\"attributes\":{\"x\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"ifvalues\":"
        + "{\"a\":{\"siblingattributes\":{\"x\":{\"type\":\"string\"}}}}}}}", "already defined at this level");
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"string\",\"ifvalues\":"
        + "{\"a\":{\"siblingattributes\":{\"description\":{\"type\":\"string\"}}}}}}}", "already defined");
    // sibling definitions are checked like any other
    assertModelError("{\"attributes\":{\"kind\":{\"type\":\"string\",\"ifvalues\":"
        + "{\"a\":{\"siblingattributes\":{\"y\":{\"type\":\"strnig\"}}}}}}}",
        "attributes.kind.ifvalues.a.siblingattributes.y.type");
  }

  @Test
  void namecharsetAndTypemapMustBeKnown_CORE_MOD_013() {
    parse("{\"attributes\":{\"o\":{\"type\":\"object\",\"namecharset\":\"Extended\"}}}");
    assertModelError("{\"attributes\":{\"o\":{\"type\":\"object\",\"namecharset\":\"klingon\"}}}",
        "attributes.o.namecharset");
    assertModelError("{\"attributes\":{\"s\":{\"type\":\"string\",\"namecharset\":\"strict\"}}}",
        "only allowed when \"type\" is \"object\"");
    parse(files("\"typemap\":{\"text/*\":\"string\",\"application/x\":\"JSON\"}"));
    assertModelError(files("\"typemap\":{\"text/*\":\"xml\"}"), "groups.dirs.resources.files.typemap\" entry \"text/*\"");
    assertModelError(files("\"typemap\":{\"*/*\":\"json\"}"), "at most one *");
  }

  @Test
  void validatecompatibilityNeedsValidateformat_CORE_MOD_017() {
    parse(files("\"validateformat\":true,\"validatecompatibility\":true"));
    assertModelError(files("\"validatecompatibility\":true"),
        "groups.dirs.resources.files.validatecompatibility");
  }

  @Test
  void constraintsPointAtStaticScalarsWithValidValues_CORE_MOD_020() {
    String fileAttrs = "\"attributes\":{\"level\":{\"type\":\"integer\"},\"color\":{\"type\":\"string\","
        + "\"enum\":[\"red\",\"blue\"]},\"o\":{\"type\":\"object\",\"attributes\":{\"n\":{\"type\":\"string\"}}},"
        + "\"arr\":{\"type\":\"array\",\"item\":{\"type\":\"string\"}}}";
    String groupAttrs = "\"attributes\":{\"glevel\":{\"type\":\"integer\"},\"gname\":{\"type\":\"string\"}}";
    parse(dirs(groupAttrs + ",\"constraints\":{\"files.level\":{\"equals\":\"glevel\",\"enum\":[1,2],"
        + "\"default\":1},\"files.color\":{\"enum\":[\"red\"]},\"files.o.n\":{\"equals\":\"gname\"},"
        + "\"files.format\":{\"equals\":\"\"}}", fileAttrs));

    assertModelError(dirs("\"constraints\":{\"blobs.level\":{}}", fileAttrs), "groups.dirs.constraints.blobs.level");
    assertModelError(dirs("\"constraints\":{\"files.nope\":{}}", fileAttrs), "statically defined scalar");
    assertModelError(dirs("\"constraints\":{\"files.arr\":{}}", fileAttrs), "statically defined scalar");
    assertModelError(dirs("\"constraints\":{\"files.o\":{}}", fileAttrs), "statically defined scalar");
    assertModelError(dirs("\"constraints\":{\"files.level\":{\"enum\":[\"x\"]}}", fileAttrs),
        "groups.dirs.constraints.files.level.enum");
    assertModelError(dirs("\"constraints\":{\"files.color\":{\"enum\":[\"green\"]}}", fileAttrs), "strict enum");
    assertModelError(dirs("\"constraints\":{\"files.color\":{\"default\":\"green\"}}", fileAttrs),
        "files.color.default");
    assertModelError(dirs("\"constraints\":{\"files.level\":{\"equals\":\"missing\"}}", fileAttrs),
        "files.level.equals");
    assertModelError(dirs(groupAttrs + ",\"constraints\":{\"files.level\":{\"equals\":\"gname\"}}", fileAttrs),
        "is of type");
    assertModelError(dirs("\"constraints\":{\"files.level\":{\"bogus\":1}}", fileAttrs), "bogus");
  }

  @Test
  void extensionNamesDoNotCollideAcrossResourceAndVersion_CORE_MOD_021() {
    assertModelError(files("\"attributes\":{\"metaurl\":{\"type\":\"url\"}}"),
        "groups.dirs.resources.files.attributes.metaurl");
    assertModelError(files("\"attributes\":{\"versionscount\":{\"type\":\"uinteger\"}}"), "Resource-level");
    assertModelError(files("\"resourceattributes\":{\"mine\":{\"type\":\"string\"}}"),
        "groups.dirs.resources.files.resourceattributes.mine");
    // restating a spec Resource attribute is not adding one
    parse(files("\"resourceattributes\":{\"metaurl\":{\"type\":\"url\",\"readonly\":true}}"));
    // the Version-level spec attributes the Resource shares (self, xid, <RESOURCE>id) are fine
    parse(files("\"attributes\":{\"self\":{\"type\":\"url\",\"readonly\":true}}"));
  }

  @Test
  void targetOnlyOnReferenceTypesAndNamesDefinedTypes_CORE_MOD_022() {
    for (String target : new String[] {"/dirs", "/dirs/files", "/dirs/files[/versions]", "/dirs/files/versions"}) {
      parse(dirs("\"attributes\":{\"ref\":{\"type\":\"xid\",\"target\":\"" + target + "\"}}", ""));
    }
    parse(dirs("\"attributes\":{\"refs\":{\"type\":\"array\",\"item\":{\"type\":\"uri\",\"target\":\"/dirs\"}}}", ""));
    assertModelError(dirs("\"attributes\":{\"ref\":{\"type\":\"string\",\"target\":\"/dirs\"}}", ""),
        "groups.dirs.attributes.ref.target");
    assertModelError(dirs("\"attributes\":{\"ref\":{\"type\":\"xid\",\"target\":\"dirs\"}}", ""), "must be /<GROUPS>");
    assertModelError(dirs("\"attributes\":{\"ref\":{\"type\":\"xid\",\"target\":\"/dirs/files/meta\"}}", ""),
        "must be /<GROUPS>");
    assertModelError(dirs("\"attributes\":{\"ref\":{\"type\":\"url\",\"target\":\"/folders\"}}", ""), "folders");
    assertModelError(dirs("\"attributes\":{\"ref\":{\"type\":\"xid\",\"target\":\"/dirs/blobs\"}}", ""), "blobs");
    assertModelError(dirs("\"attributes\":{\"refs\":{\"type\":\"map\",\"item\":{\"type\":\"string\","
        + "\"target\":\"/dirs\"}}}", ""), "groups.dirs.attributes.refs.item.target");
  }

  private static Model parse(String model) {
    return Model.parse(Json.parseTrusted(model));
  }

  private static void assertModelError(String model, String detailFragment) {
    assertThatThrownBy(() -> parse(model))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.MODEL_ERROR);
          assertThat(e.detail()).contains(detailFragment);
        });
  }
}
