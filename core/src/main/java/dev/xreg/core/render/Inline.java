package dev.xreg.core.render;

/**
 * What a response inlines (the {@code ?inline} flag, reduced to what the serializer
 * needs), and whether documents are forced to base64 ({@code ?binary}).
 */
public record Inline(boolean capabilities, boolean model, boolean modelsource, boolean meta, boolean versions,
    boolean documents, boolean binary) {

  public static final Inline NONE = new Inline(false, false, false, false, false, false, false);
}
