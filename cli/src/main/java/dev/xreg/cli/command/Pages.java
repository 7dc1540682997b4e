package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.http.RegistryClient;
import dev.xreg.cli.http.Reply;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A whole collection, page after page: follows {@code Link: rel=next} (xRegistry pagination
 * spec) until the server gives no next page, merging the pages' maps in order.
 */
final class Pages {
  private Pages() {
  }

  static ObjectNode readAll(RegistryClient client, Reply first, Consumer<Integer> perPage) {
    ObjectNode all = dev.xreg.cli.http.Json.MAPPER.createObjectNode();
    Reply page = first;
    while (true) {
      JsonNode body = page.json();
      if (body.isObject()) {
        all.setAll((ObjectNode) body);
        perPage.accept(body.size());
      }
      Optional<URI> next = page.nextPage();
      if (next.isEmpty()) {
        return all;
      }
      page = client.get(next.get()).requireOk();
    }
  }
}
