package dev.xreg.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.http.config.Settings;
import dev.xreg.storage.StorageOptions;
import io.vertx.core.json.JsonObject;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: {@code *Options} objects round-trip through JSON (the Vert.x convention), so a
 * deployment can keep them in a config file and an embedding application can copy them.
 * Every property with a getter is in the JSON form, so a new option cannot be forgotten there.
 */
class OptionsJsonTest {

  @Test
  void xregistryOptionsRoundTripWithEveryValueChanged() {
    XRegistryOptions o = new XRegistryOptions().setHost("0.0.0.0").setPort(9999).setInstances(3)
        .setBasePath("/registry").setCorsOrigins(List.of("http://a.test", "http://b.test")).setMaxBodyBytes(1234).setImportMaxBytes(5678)
        .setModel("schema").setAdminToken("secret").setOciEnabled(false).setCnrEnabled(false).setCacheMaxBytes(0)
        .setContentCacheMaxBytes(0)
        .setStorage(new StorageOptions().setDbUrl("postgresql://u:p@127.0.0.1:5432/x").setDataDir("/tmp/d")
            .setPoolSize(7).setMaxPageSize(50).setMaxInlineEntities(99).setRequestTimeoutSeconds(5).setImportTimeoutSeconds(6)
            .setAddress("xreg.other").setRegistryId("team-registry"));
    JsonObject json = o.toJson();
    XRegistryOptions back = new XRegistryOptions(json);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(new XRegistryOptions(o).toJson()).isEqualTo(json);
    assertThat(back.isOciEnabled()).isFalse();
    assertThat(back.getStorage().getPoolSize()).isEqualTo(7);
    assertThat(back.getStorage().getRegistryId()).isEqualTo("team-registry");
    assertThat(back.getImportMaxBytes()).isEqualTo(5678);
    assertThat(back.getStorage().getImportTimeoutSeconds()).isEqualTo(6);
    assertThat(json).isNotEqualTo(new XRegistryOptions().toJson());
  }

  @Test
  void theRegistryIdMustBeAValidId() {
    assertThat(new StorageOptions().getRegistryId()).isEqualTo("xreg");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StorageOptions().setRegistryId("no spaces"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registryId");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StorageOptions(new JsonObject().put("registryId", "")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyJsonObjectGivesTheDefaults() {
    assertThat(new XRegistryOptions(new JsonObject()).toJson()).isEqualTo(new XRegistryOptions().toJson());
    assertThat(new StorageOptions(new JsonObject()).toJson()).isEqualTo(new StorageOptions().toJson());
  }

  @Test
  void everyPropertyIsInTheJsonForm() throws Exception {
    assertThat(properties(XRegistryOptions.class)).isSubsetOf(new XRegistryOptions().toJson().fieldNames());
    assertThat(properties(StorageOptions.class)).isSubsetOf(new StorageOptions().toJson().fieldNames());
  }

  @Test
  void settingsSwitchTheApis() throws Exception {
    XRegistryOptions off = Settings.load(new String[0], Map.of("XREG_OCI_ENABLED", "false",
        "XREG_CNR_ENABLED", "FALSE"), new Properties()).toOptions();
    assertThat(off.isOciEnabled()).isFalse();
    assertThat(off.isCnrEnabled()).isFalse();
    XRegistryOptions on = Settings.load(new String[0], Map.of(), new Properties()).toOptions();
    assertThat(on.isOciEnabled()).isTrue();
    assertThat(on.isCnrEnabled()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.load(new String[0],
        Map.of("XREG_OCI_ENABLED", "yes"), new Properties()).toOptions())
        .hasMessageContaining("XREG_OCI_ENABLED");
  }

  /** The bean properties that have both a getter and a fluent setter. */
  private static TreeSet<String> properties(Class<?> type) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    for (Method m : type.getMethods()) {
      String n = m.getName();
      String prop = n.startsWith("get") && n.length() > 3 ? n.substring(3) : n.startsWith("is") ? n.substring(2) : null;
      if (prop == null || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
        continue;
      }
      boolean settable = false;
      for (Method s : type.getMethods()) {
        settable |= s.getName().equals("set" + prop) && s.getParameterCount() == 1;
      }
      if (settable) {
        out.add(Introspector.decapitalize(prop));
      }
    }
    return out;
  }
}
