package dev.xreg.cli.output;

/** {@code -o/--output}: what the user reads or what a script parses. */
public enum OutputFormat {
  json, yaml, table
}
