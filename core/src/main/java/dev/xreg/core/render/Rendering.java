package dev.xreg.core.render;

import dev.xreg.core.flag.Inline;

/**
 * How a reply is to be serialized, decided while executing the request (the model is
 * needed to parse {@code ?inline}): what is inlined, document view ({@code ?doc}),
 * documents forced to base64 ({@code ?binary}), only the root's collection maps
 * ({@code ?collections}), and whether entities show {@code shortself} (the capability).
 */
public record Rendering(Inline inline, boolean doc, boolean binary, boolean collections, boolean shortself) {
  public static final Rendering PLAIN = new Rendering(Inline.NONE, false, false);

  public Rendering(Inline inline, boolean doc, boolean binary) {
    this(inline, doc, binary, false, false);
  }
}
