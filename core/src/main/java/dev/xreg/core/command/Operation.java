package dev.xreg.core.command;

/**
 * What an xRegistry request does to its target, as the HTTP binding (http.md) defines
 * the methods: read, replace (PUT), update (PATCH), add (POST), delete. The engine
 * dispatches on this, never on method strings; {@link #method()} is the binding's name,
 * used where the spec's errors name the method ({@code action_not_supported}).
 */
public enum Operation {
  READ("GET"), REPLACE("PUT"), UPDATE("PATCH"), ADD("POST"), DELETE("DELETE");

  private final String method;

  Operation(String method) {
    this.method = method;
  }

  /** The HTTP method the binding maps this operation to. */
  public String method() {
    return method;
  }

  public boolean writes() {
    return this != READ;
  }

  /** The operation of an HTTP method ({@code HEAD} reads), or null for one xRegistry does not define. */
  public static Operation ofMethod(String httpMethod) {
    return switch (httpMethod) {
      case "GET", "HEAD" -> READ;
      case "PUT" -> REPLACE;
      case "PATCH" -> UPDATE;
      case "POST" -> ADD;
      case "DELETE" -> DELETE;
      default -> null;
    };
  }
}
