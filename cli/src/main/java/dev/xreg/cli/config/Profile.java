package dev.xreg.cli.config;

/** One named entry of the config file: where the server is and how to authenticate. */
public record Profile(String name, String server, String token, String user, String password) {
  public static Profile empty(String name) {
    return new Profile(name, null, null, null, null);
  }
}
