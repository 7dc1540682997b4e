package dev.xreg.core;

import java.util.Locale;

/**
 * The media types xreg reads and writes besides its documents: JSON, and YAML for CloudEvents
 * Registry files ({@code application/cloudevents-registry+json} / {@code +yaml}, CE-005).
 */
public final class MediaTypes {
  public static final String CEREG_JSON = "application/cloudevents-registry+json";
  public static final String CEREG_YAML = "application/cloudevents-registry+yaml";
  public static final String YAML = "application/yaml";

  private MediaTypes() {
  }

  /** The type without parameters, lowercased: {@code "Application/JSON; charset=utf-8"} is {@code application/json}. */
  public static String base(String mediaType) {
    if (mediaType == null) {
      return "";
    }
    int semi = mediaType.indexOf(';');
    return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  public static boolean isYaml(String mediaType) {
    String b = base(mediaType);
    return b.endsWith("+yaml") || b.equals(YAML) || b.equals("application/x-yaml") || b.equals("text/yaml")
        || b.equals("text/x-yaml");
  }

  public static boolean isJson(String mediaType) {
    String b = base(mediaType);
    return b.equals("application/json") || b.endsWith("+json");
  }
}
