package dev.xreg.formats;

import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.ValidationLimitExceeded;
import dev.xreg.core.format.ValidationLimits;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML Schema 1.0 ({@code XSD/1.0}, schema/spec.md 4.3.2; {@code XMLSchema/1.0} as an alias):
 * the document is compiled by the JDK's W3C XML Schema factory with secure processing on and
 * every external access (DTDs, imported or included schemas) refused, so a schema that needs
 * another file is a violation. The JDK implements XSD 1.0 only: {@code XSD/1.1} is not
 * advertised and gets {@code formatvalidated: false}. No compatibility rules for XSD.
 *
 * <p>The compiler recurses once per nested element (about 400 nested anonymous types overflow a
 * 512 KiB stack), so the element depth is checked first ({@link DocumentShape#xml}), and the
 * compiler is given the same bound ({@code jdk.xml.maxElementDepth}). Should it still overflow
 * (deep chains of named types), that is answered as the depth limit, not as a server error.
 */
public final class XsdFormat implements FormatValidator {

  @Override
  public List<String> formats() {
    return List.of("XSD/1.0", "XMLSchema/1.0");
  }

  @Override
  public String violation(String format, byte[] document, ValidationLimits limits) {
    DocumentShape.xml(document, limits);
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      boundDepth(factory, limits.maxDepth());
      factory.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
        throw new IllegalStateException("external reference " + systemId + " is not resolved");
      });
      factory.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      factory.newSchema(new StreamSource(new ByteArrayInputStream(document)));
      return null;
    } catch (SAXParseException e) {
      return "not a valid XML Schema 1.0 document: line " + e.getLineNumber() + ": " + e.getMessage();
    } catch (SAXException | RuntimeException e) {
      return "not a valid XML Schema 1.0 document: " + e.getMessage();
    } catch (StackOverflowError e) {
      // the stack is unwound here: nothing outside this call's own objects was touched
      throw new ValidationLimitExceeded(ValidationLimitExceeded.Limit.DEPTH, limits.maxDepth());
    }
  }

  /** The JDK's own element-depth limit, where the implementation supports it. */
  private static void boundDepth(SchemaFactory factory, int maxDepth) {
    try {
      factory.setProperty("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", Integer.toString(maxDepth));
    } catch (SAXException e) {
      // another JAXP implementation: the scan before parsing is the bound
    }
  }
}
