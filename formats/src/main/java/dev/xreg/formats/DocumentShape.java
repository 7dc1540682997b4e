package dev.xreg.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.xreg.core.format.ValidationLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The size and nesting depth of a schema document, checked with a flat scan (no recursion)
 * before a library parser sees it (issue 13): the parsers of Avro, Wire and the JDK's XML
 * Schema compiler recurse once per level, so a deep document would otherwise end in a
 * {@link StackOverflowError} that depends on the thread's stack size. A document the scan
 * cannot read is left to the real parser, which reports why.
 */
final class DocumentShape {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** Poll the deadline every this many tokens or characters. */
  private static final int POLL = 4096;

  private DocumentShape() {
  }

  /** JSON objects and arrays (Avro, JSON Schema). */
  static void json(byte[] document, ValidationLimits limits) {
    limits.checkDocumentBytes(document.length);
    try (JsonParser p = JSON.createParser(document)) {
      int depth = 0;
      long tokens = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (++tokens % POLL == 0) {
          limits.checkTime();
        }
        if (t.isStructStart()) {
          limits.checkDepth(++depth);
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
    } catch (IOException e) {
      // not JSON (or deeper than Jackson's own bound): the format's parser says why
    }
  }

  /**
   * XML elements (XSD), internal entities expanded as the schema compiler will expand them
   * (an entity can hold nested elements); external ones are never fetched.
   */
  static void xml(byte[] document, ValidationLimits limits) {
    limits.checkDocumentBytes(document.length);
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(new ByteArrayInputStream(document));
      int depth = 0;
      long events = 0;
      while (r.hasNext()) {
        int e = r.next();
        if (++events % POLL == 0) {
          limits.checkTime();
        }
        if (e == XMLStreamReader.START_ELEMENT) {
          limits.checkDepth(++depth);
        } else if (e == XMLStreamReader.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException | IllegalStateException e) {
      // not well-formed (the JDK reports some of it as IllegalStateException): the schema
      // compiler says why
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // nothing was held open but the array
        }
      }
    }
  }

  /**
   * Braces and brackets of a {@code .proto} file (messages, enums, services, aggregate option
   * values), outside comments and string literals. Also counts its declarations (statements
   * ending in {@code ;} and blocks) against the limit on definitions: Wire's parser takes
   * time more than linear in them.
   */
  static void proto(byte[] document, ValidationLimits limits) {
    limits.checkDocumentBytes(document.length);
    int depth = 0;
    long declarations = 0;
    int n = document.length;
    for (int i = 0; i < n; i++) {
      if (i % POLL == 0) {
        limits.checkTime();
      }
      byte c = document[i];
      if (c == '/' && i + 1 < n && document[i + 1] == '/') {
        while (i < n && document[i] != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && document[i + 1] == '*') {
        i += 2;
        while (i + 1 < n && !(document[i] == '*' && document[i + 1] == '/')) {
          i++;
        }
        i++;
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && document[i] != c && document[i] != '\n') {
          i += document[i] == '\\' ? 2 : 1;
        }
      } else if (c == '{' || c == '[') {
        limits.checkDepth(++depth);
        if (c == '{') {
          limits.checkDefinitions(++declarations);
        }
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ';') {
        limits.checkDefinitions(++declarations);
      }
    }
  }
}
