package dev.xreg.core.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure that the client sees as one problem+json document. Thrown anywhere
 * in request processing; the storage layer rolls the transaction back on it.
 */
public final class XRegistryException extends RuntimeException {
  private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z][a-z0-9_]{0,62})>");

  private final ErrorType type;
  private final String subject;
  private final Map<String, String> args;
  private final String detail;
  private final java.util.List<String> allow;

  private XRegistryException(ErrorType type, String subject, Map<String, String> args, String detail,
      java.util.List<String> allow) {
    super(type.code() + " " + subject + (detail == null ? "" : ": " + detail));
    this.type = type;
    this.subject = subject;
    this.args = Collections.unmodifiableMap(args);
    this.detail = detail;
    this.allow = allow;
  }

  /** Starts an error of the given type about {@code subject} (an xid or a request path). */
  public static Builder of(ErrorType type, String subject) {
    return new Builder(type, subject);
  }

  public ErrorType type() {
    return type;
  }

  public String subject() {
    return subject;
  }

  public Map<String, String> args() {
    return args;
  }

  public String detail() {
    return detail;
  }

  /** For {@code action_not_supported}: the methods the target does support (HTTP {@code Allow}). */
  public java.util.List<String> allow() {
    return allow;
  }

  /** {@code action_not_supported} for {@code method} on {@code path}, listing what is allowed. */
  public static XRegistryException notSupported(String method, String path, String... allowed) {
    return of(ErrorType.ACTION_NOT_SUPPORTED, path).arg("action", method).allow(allowed)
        .detail(method + " is not supported here; allowed: " + String.join(", ", allowed)).build();
  }

  /** {@code action_not_supported} for {@code operation} on {@code path}, listing the allowed operations. */
  public static XRegistryException notSupported(dev.xreg.core.command.Operation operation, String path,
      dev.xreg.core.command.Operation... allowed) {
    String[] methods = new String[allowed.length];
    for (int i = 0; i < allowed.length; i++) {
      methods[i] = allowed[i].method();
    }
    return notSupported(operation.method(), path, methods);
  }

  /** The title with every placeholder substituted, as the spec requires. */
  public String title() {
    Matcher m = PLACEHOLDER.matcher(type.titleTemplate());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = "subject".equals(name) ? subject : args.getOrDefault(name, "");
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Fluent construction so call sites read like the catalogue. */
  public static final class Builder {
    private final ErrorType type;
    private final String subject;
    private final Map<String, String> args = new LinkedHashMap<>();
    private String detail;
    private java.util.List<String> allow = java.util.List.of();

    private Builder(ErrorType type, String subject) {
      this.type = type;
      this.subject = subject;
    }

    public Builder arg(String name, Object value) {
      args.put(name, String.valueOf(value));
      return this;
    }

    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /** {@code error_detail} is both an arg of several titles and the problem's detail. */
    public Builder errorDetail(String errorDetail) {
      args.put("error_detail", errorDetail);
      this.detail = errorDetail;
      return this;
    }

    public Builder allow(String... methods) {
      this.allow = java.util.List.of(methods);
      return this;
    }

    public XRegistryException build() {
      return new XRegistryException(type, subject, new LinkedHashMap<>(args), detail, allow);
    }
  }
}
