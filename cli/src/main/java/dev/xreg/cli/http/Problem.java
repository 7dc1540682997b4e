package dev.xreg.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;

/**
 * A refused request explained from its RFC 9457 problem document: the title first, then
 * {@code detail} (what to fix), {@code type} and {@code subject}. The OCI and App Registry
 * error envelopes are shown the same way; a body that is none of these is shown as text, cut
 * short.
 */
public record Problem(int status, String type, String title, String detail, String subject, String raw) {

  public static Problem of(Reply reply) {
    String text = reply.text();
    try {
      JsonNode n = Json.MAPPER.readTree(text);
      JsonNode oci = n == null ? null : n.path("errors").path(0);
      if (oci != null && oci.isObject() && oci.has("code")) {
        // The OCI Distribution error envelope: {"errors":[{"code","message","detail"}]}.
        JsonNode detail = oci.get("detail");
        return new Problem(reply.status(), null, oci.path("code").asText() + ": " + oci.path("message").asText(""),
            detail == null || detail.isNull() ? null : detail.isTextual() ? detail.asText() : detail.toString(), null, text);
      }
      if (n != null && n.isObject() && n.has("code") && n.has("message")) {
        // The App Registry envelope (docs/cnr.md, CNR-021): {"code","message","details"}.
        JsonNode details = n.get("details");
        boolean none = details == null || details.isNull() || (details.isContainerNode() && details.isEmpty());
        return new Problem(reply.status(), null, n.path("code").asText() + ": " + n.path("message").asText(""),
            none ? null : details.isTextual() ? details.asText() : details.toString(), null, text);
      }
      if (n != null && n.isObject() && (n.has("type") || n.has("title"))) {
        return new Problem(reply.status(), n.path("type").asText(null), n.path("title").asText(null),
            n.path("detail").asText(null), n.path("subject").asText(null), text);
      }
    } catch (java.io.IOException notJson) {
      // shown as text below
    }
    return new Problem(reply.status(), null, null, null, null, text);
  }

  /** The short name of the spec's error type ({@code ...spec.md#not_found} gives {@code not_found}). */
  public String typeName() {
    if (type == null) {
      return null;
    }
    int hash = type.lastIndexOf('#');
    return hash >= 0 ? type.substring(hash + 1) : type;
  }

  public String message() {
    StringBuilder b = new StringBuilder();
    b.append("HTTP ").append(status);
    if (typeName() != null) {
      b.append(' ').append(typeName());
    }
    b.append(": ").append(title != null ? title : abbreviate(raw));
    if (detail != null) {
      b.append("\n  detail:  ").append(detail);
    }
    if (subject != null) {
      b.append("\n  subject: ").append(subject);
    }
    if (type != null) {
      b.append("\n  type:    ").append(type);
    }
    return b.toString();
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s.strip();
    if (t.isEmpty()) {
      return "(no body)";
    }
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }

  /** 4xx: the server refused (exit 1); anything else is the server failing (exit 3). */
  public CliFailure failure() {
    int code = status >= 400 && status <= 499 ? ExitCode.REFUSED : ExitCode.SERVER_FAILURE;
    return new CliFailure(code, message());
  }
}
