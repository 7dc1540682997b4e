package dev.xreg.cli.output;

/** ANSI styling that switches itself off when the stream is not a terminal. */
public final class Colours {
  private final boolean on;

  public Colours(boolean on) {
    this.on = on;
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  private String wrap(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
