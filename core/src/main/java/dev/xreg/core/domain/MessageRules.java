package dev.xreg.core.domain;

import static dev.xreg.core.domain.Identifiers.absolute;
import static dev.xreg.core.domain.Identifiers.name;
import static dev.xreg.core.domain.Identifiers.same;
import static dev.xreg.core.domain.Identifiers.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.write.AttributeValues;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message-definition rules of message/spec.md that the model cannot express, checked on
 * every write of a message group or a message (docs/spec-decisions-domains.md D13, D15-D17).
 * Each rule names its checklist item; a violation is {@code invalid_attribute} naming the
 * attribute (dotted path) with the reason, or {@code required_attribute_missing}.
 */
public final class MessageRules {
  private static final Pattern SCHEMA_XID = Pattern.compile("^/schemagroups/[^/]+/schemas/[^/]+(/versions/[^/]+)?$");
  private static final Pattern MEDIA_TYPE = Pattern.compile(
      "^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"]*\"|[^;\\s\"]+))*\\s*$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

  /** Where a message is defined: a message group, or an endpoint (endpoint/spec.md "messages"). */
  public enum Container { MESSAGEGROUP, ENDPOINT }

  private MessageRules() {
  }

  /** MSG-004, MSG-005: a message group's {@code envelope} and {@code protocol} identifiers. */
  public static void checkGroup(String subject, JsonNode group) {
    name("envelope", text(group, "envelope"), true, subject);
    name("protocol", text(group, "protocol"), false, subject);
  }

  /**
   * One message definition (a Version's attributes) inside its group or endpoint.
   *
   * @param messagePlurals the Group plurals whose Resource type {@code messages} a relative
   *     {@code basemessageuri} may reference ({@code messagegroups}, {@code endpoints})
   */
  public static void checkMessage(String subject, JsonNode m, JsonNode group, Container in,
      Collection<String> messagePlurals) {
    String envelope = text(m, "envelope");
    String protocol = text(m, "protocol");
    name("envelope", envelope, in == Container.MESSAGEGROUP, subject);
    name("protocol", protocol, false, subject);
    container(subject, envelope, protocol, group, in);
    dataSchema(subject, m);
    contentType(subject, m, envelope, protocol);
    String base = text(m, "basemessageuri");
    if (base != null && !absolute(base) && baseTarget(base, messagePlurals) == null) {
      // MSG-020; an absolute value is never checked (MSG-021)
      throw AttributeValues.invalid("basemessageuri", subject, "\"" + base + "\" is relative, so it must be the xid "
          + "of a message Resource or Version: /<GROUPS>/<gid>/messages/<mid>[/versions/<vid>] with <GROUPS> one of "
          + messagePlurals);
    }
  }

  /**
   * The xid a relative {@code basemessageuri} references, or null when it is absolute, absent,
   * or not a message xid.
   */
  public static String baseTarget(String base, Collection<String> messagePlurals) {
    if (base == null || absolute(base)) {
      return null;
    }
    String[] s = base.split("/", -1);
    boolean shape = (s.length == 5 || s.length == 7 && s[5].equals("versions")) && s[0].isEmpty()
        && messagePlurals.contains(s[1]) && s[3].equals("messages");
    for (int i = 1; shape && i < s.length; i++) {
      shape = !s[i].isEmpty();
    }
    return shape ? base : null;
  }

  /**
   * MSG-006 (the group's values, when both declare one), EP-007 (inside an endpoint the
   * message's envelope is at least as precise: {@code myspec} allows {@code myspec/1.0},
   * {@code myspec/1.0} allows only itself), EP-011 (the endpoint's protocol).
   */
  private static void container(String subject, String envelope, String protocol, JsonNode group, Container in) {
    if (group == null) {
      return;
    }
    String what = in == Container.ENDPOINT ? "endpoint" : "message group";
    String inside = in == Container.ENDPOINT ? "an endpoint" : "a message group";
    String ge = text(group, "envelope");
    if (envelope != null && ge != null) {
      boolean ok = same(envelope, ge) || in == Container.ENDPOINT && ge.indexOf('/') < 0
          && envelope.toLowerCase(Locale.ROOT).startsWith(ge.toLowerCase(Locale.ROOT) + "/");
      if (!ok) {
        throw AttributeValues.invalid("envelope", subject, "\"" + envelope + "\" differs from the " + what
            + "'s envelope \"" + ge + "\"; all messages inside " + inside + " use its envelope"
            + (in == Container.ENDPOINT ? " (at least as precise, never another version)" : ""));
      }
    }
    String gp = text(group, "protocol");
    if (protocol != null && gp != null && !same(protocol, gp)) {
      throw AttributeValues.invalid("protocol", subject, "\"" + protocol + "\" differs from the " + what
          + "'s protocol \"" + gp + "\"; all messages inside " + inside + " use its protocol");
    }
  }

  /** MSG-024, MSG-025, MSG-027. */
  private static void dataSchema(String subject, JsonNode m) {
    String format = text(m, "dataschemaformat");
    name("dataschemaformat", format, true, subject);
    boolean inline = m.hasNonNull("dataschema");
    String uri = text(m, "dataschemauri");
    if (inline && uri != null) {
      throw AttributeValues.invalid("dataschema", subject, "dataschema and dataschemauri are mutually exclusive");
    }
    if ((inline || uri != null) && format == null) {
      throw XRegistryException.of(ErrorType.REQUIRED_ATTRIBUTE_MISSING, subject).arg("list", "dataschemaformat")
          .detail("dataschemaformat is required when " + (inline ? "dataschema" : "dataschemauri") + " is present")
          .build();
    }
    String xid = text(m, "dataschemaxid");
    if (xid == null) {
      return;
    }
    if (!SCHEMA_XID.matcher(xid).matches()) {
      throw AttributeValues.invalid("dataschemaxid", subject, "\"" + xid + "\" must be the xid of a schema "
          + "Resource (or Version): /schemagroups/<gid>/schemas/<sid>[/versions/<vid>]");
    }
    if (uri != null && !uri.equals(xid) && !(absolute(uri) && path(uri).endsWith(xid))) {
      throw AttributeValues.invalid("dataschemauri", subject, "\"" + uri + "\" must be the self URL of the "
          + "dataschemaxid entity " + xid);
    }
  }

  /**
   * MSG-028: every occurrence of the content type is the same (media type and parameter names
   * compared case-insensitively): {@code datacontenttype}, the CloudEvents
   * {@code envelopemetadata.datacontenttype.value}, an HTTP {@code Content-Type} header.
   * MSG-016: a CloudEvents {@code dataschema} value matches {@code dataschemauri}
   * (RFC 6570 placeholders match anything).
   */
  private static void contentType(String subject, JsonNode m, String envelope, String protocol) {
    String dct = text(m, "datacontenttype");
    if (dct != null && !templated(dct) && !MEDIA_TYPE.matcher(dct).matches()) {
      throw AttributeValues.invalid("datacontenttype", subject, "\"" + dct + "\" is not an RFC 2046 media type "
          + "(type/subtype with optional ;name=value parameters)");
    }
    boolean cloudEvents = envelope != null && same(envelope, "CloudEvents/1.0");
    JsonNode em = m.path("envelopemetadata");
    if (cloudEvents) {
      String declared = em.path("datacontenttype").path("value").isTextual()
          ? em.path("datacontenttype").path("value").asText() : null;
      sameContentType(subject, "envelopemetadata.datacontenttype.value", declared, dct);
      String ds = em.path("dataschema").path("value").isTextual() ? em.path("dataschema").path("value").asText() : null;
      String uri = text(m, "dataschemauri");
      if (ds != null && uri != null && !matches(ds, uri)) {
        throw AttributeValues.invalid("envelopemetadata.dataschema.value", subject, "\"" + ds
            + "\" must match dataschemauri \"" + uri + "\"");
      }
    }
    if (protocol != null && (same(protocol, "HTTP") || protocol.toUpperCase(Locale.ROOT).startsWith("HTTP/"))) {
      JsonNode headers = m.path("protocoloptions").path("headers");
      for (int i = 0; i < headers.size(); i++) {
        JsonNode h = headers.get(i);
        if (h.path("name").asText("").equalsIgnoreCase("content-type") && h.path("value").isTextual()) {
          sameContentType(subject, "protocoloptions.headers[" + i + "].value", h.get("value").asText(), dct);
        }
      }
    }
  }

  private static void sameContentType(String subject, String attribute, String value, String dct) {
    if (value != null && dct != null && !templated(value) && !templated(dct)
        && !canonicalMediaType(value).equals(canonicalMediaType(dct))) {
      throw AttributeValues.invalid(attribute, subject, "\"" + value + "\" differs from datacontenttype \"" + dct
          + "\"; all occurrences of the content type must have the same value");
    }
  }

  /** Media type and parameter names lower case, parameter values as written, spaces dropped. */
  private static String canonicalMediaType(String ct) {
    StringBuilder out = new StringBuilder();
    String[] parts = ct.split(";");
    out.append(parts[0].trim().toLowerCase(Locale.ROOT));
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      out.append(';').append(eq < 0 ? p.toLowerCase(Locale.ROOT)
          : p.substring(0, eq).trim().toLowerCase(Locale.ROOT) + "=" + p.substring(eq + 1).trim());
    }
    return out.toString();
  }

  private static boolean templated(String s) {
    return PLACEHOLDER.matcher(s).find();
  }

  /** A value against an RFC 6570 level 1 template: each {@code {name}} matches any text. */
  private static boolean matches(String template, String value) {
    StringBuilder re = new StringBuilder();
    Matcher p = PLACEHOLDER.matcher(template);
    int last = 0;
    while (p.find()) {
      re.append(Pattern.quote(template.substring(last, p.start()))).append(".*");
      last = p.end();
    }
    re.append(Pattern.quote(template.substring(last)));
    return Pattern.matches(re.toString(), value);
  }

  private static String path(String uri) {
    try {
      String p = URI.create(uri).getRawPath();
      return p == null ? "" : p;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
