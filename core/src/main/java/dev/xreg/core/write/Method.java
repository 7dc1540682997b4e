package dev.xreg.core.write;

/** How a write treats absent attributes: PUT (and POST entries) replace, PATCH merges. */
public enum Method {
  PUT, PATCH;

  public boolean replaces() {
    return this == PUT;
  }
}
