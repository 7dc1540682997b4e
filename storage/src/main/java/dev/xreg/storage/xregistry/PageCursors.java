package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pagination cursors: opaque to clients, tamper-checked, valid on every node of one database.
 *
 * <p>Format: {@code base64url(payload) "." base64url(mac)} where payload is the keyset position
 * (the sort key values of the last entity of the previous page) as a JSON array, and mac is
 * the first 16 bytes of HMAC-SHA256 over {@code scope "\n" payload} with the database's cursor
 * secret. The scope names the collection and the query shape (path, sort, filter), so a cursor
 * works only for the request that issued it. A cursor holds no offset and no server state.
 */
public final class PageCursors {
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  public PageCursors(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  public String encode(String scope, List<Object> position) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Object o : position) {
      a.add(Json.MAPPER.<JsonNode>valueToTree(o));
    }
    byte[] payload = Json.bytes(a);
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(scope, payload));
  }

  /** The position in {@code token}; {@code bad_request} if it was not issued for {@code scope} by this database. */
  public List<Object> decode(String scope, String token, String subject) {
    int dot = token.indexOf('.');
    try {
      if (dot < 1 || dot != token.lastIndexOf('.')) {
        throw new IllegalArgumentException("shape");
      }
      byte[] payload = B64D.decode(token.substring(0, dot));
      byte[] given = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac(scope, payload))) {
        throw new IllegalArgumentException("mac");
      }
      JsonNode node = Json.MAPPER.readTree(payload);
      List<Object> out = new ArrayList<>();
      for (JsonNode v : node) {
        out.add(v.isTextual() ? v.asText() : v.isIntegralNumber() ? (Object) v.asLong()
            : v.isNumber() ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : null);
      }
      return out;
    } catch (Exception e) {
      throw XRegistryException.of(ErrorType.BAD_REQUEST, subject)
          .errorDetail("the pagination cursor is not valid for this collection and query; use the Link URLs"
              + " the server sent, unmodified")
          .build();
    }
  }

  private byte[] mac(String scope, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(scope.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '\n');
      return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
