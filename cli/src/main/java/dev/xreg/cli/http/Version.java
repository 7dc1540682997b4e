package dev.xreg.cli.http;

/** The CLI's version, from the jar manifest when packaged. */
public final class Version {
  private Version() {
  }

  public static String text() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
