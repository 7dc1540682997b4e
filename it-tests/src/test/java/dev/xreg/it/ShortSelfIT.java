package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code shortself} (CORE-COM-003, CORE-CAP-008): present exactly while the capability is on,
 * absolute, unique, free of {@code $}, the same after the capability is switched off and on,
 * and a working alias of {@code self} (a 307 to it, keeping {@code $details} and the query).
 */
class ShortSelfIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  private static final List<String> ENTITIES = List.of("/dirs/d1", "/dirs/d1/files/f1$details",
      "/dirs/d1/files/f1/meta", "/dirs/d1/files/f1/versions/v1$details");

  @Test
  void shortselfIsAnImmutableUniqueAliasShownOnlyWhileTheCapabilityIsOn_CORE_COM_003() throws Exception {
    server.ok("PUT", "/dirs/d1/files/f1/versions/v1$details", "{\"description\":\"one\"}");
    assertThat(server.json("/").has("shortself")).as("capability off: /").isFalse();
    for (String e : ENTITIES) {
      assertThat(server.json(e).has("shortself")).as("capability off: " + e).isFalse();
    }
    assertThat(server.json("/capabilitiesoffered").at("/shortself/enum").toString()).isEqualTo("[false,true]");

    try {
      server.ok("PATCH", "/capabilities", "{\"shortself\":true}");
      JsonNode registry = server.json("/");
      assertThat(registry.path("shortself").asText()).as("the Registry's self is already short")
          .isEqualTo(registry.path("self").asText());
      Set<String> seen = new HashSet<>(Set.of(registry.path("shortself").asText()));
      List<String> first = new java.util.ArrayList<>();
      for (String e : ENTITIES) {
        JsonNode entity = server.json(e);
        String alias = entity.path("shortself").asText();
        assertThat(alias).as(e).startsWith(server.base() + "/").doesNotContain("$");
        String self = entity.path("self").asText().replace("$details", "");
        assertThat(alias.length()).as("no longer than self: " + e).isLessThanOrEqualTo(self.length());
        assertThat(seen.add(alias)).as("unique: " + alias).isTrue();
        first.add(alias);
        if (alias.equals(self)) {
          continue; // a short xid is its own alias
        }
        HttpResponse<String> followed = server.send("GET", alias.substring(server.base().length()), null,
            java.util.Map.of());
        assertThat(followed.statusCode()).as("the alias of " + e).isEqualTo(307);
        assertThat(followed.headers().firstValue("Location")).hasValue(self);
      }
      // the Resource's inlined views carry it too, in document view as an absolute URL
      assertThat(server.json("/dirs/d1?inline=*&doc").at("/files/f1/shortself").asText()).isEqualTo(first.get(1));

      server.ok("PATCH", "/capabilities", "{\"shortself\":false}");
      assertThat(server.json("/dirs/d1").has("shortself")).isFalse();
      server.ok("PATCH", "/capabilities", "{\"shortself\":true}");
      for (int i = 0; i < ENTITIES.size(); i++) {
        assertThat(server.json(ENTITIES.get(i)).path("shortself").asText()).as("kept across toggles")
            .isEqualTo(first.get(i));
      }
    } finally {
      server.ok("PATCH", "/capabilities", "{\"shortself\":false}");
    }
  }

  @Test
  void anAliasKeepsDetailsAndTheQueryAndAnUnknownOneIsNotFound_CORE_COM_003() throws Exception {
    server.ok("PUT", "/dirs/d2/files/f2$details", "{}");
    try {
      server.ok("PATCH", "/capabilities", "{\"shortself\":true}");
      String alias = server.json("/dirs/d2/files/f2$details").path("shortself").asText()
          .substring(server.base().length());

      HttpResponse<String> details = server.send("GET", alias + "$details?inline=versions", null, java.util.Map.of());
      assertThat(details.statusCode()).isEqualTo(307);
      assertThat(details.headers().firstValue("Location"))
          .hasValue(server.base() + "/dirs/d2/files/f2$details?inline=versions");
      HttpResponse<String> meta = server.send("GET", alias + "/meta", null, java.util.Map.of());
      assertThat(meta.headers().firstValue("Location")).hasValue(server.base() + "/dirs/d2/files/f2/meta");

      HttpResponse<String> unknown = server.get("/-/AAAAAAAAAAA");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(XregServer.JSON.readTree(unknown.body()).path("type").asText()).endsWith("#not_found");

      assertThat(server.send("PATCH", "/capabilities", "{\"shortself\":\"yes\"}").statusCode()).isEqualTo(400);
    } finally {
      server.ok("PATCH", "/capabilities", "{\"shortself\":false}");
    }
  }
}
