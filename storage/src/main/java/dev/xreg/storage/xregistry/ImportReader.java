package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Ids;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.text.StorableValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Reads an import document (the body of {@code PUT /} or {@code POST /}, spooled to a file)
 * token by token: the Groups and Resources of its collections come out a batch at a time, each
 * Resource as a small tree, so the heap holds one batch whatever the document's size. The
 * document is well-formed JSON or the read fails with {@code parsing_data}, wherever the fault is.
 *
 * <p>Reading is blocking file I/O and parsing: callers run it on a worker thread. One reader is
 * used by one task at a time (each batch's task starts after the previous one ended).
 */
final class ImportReader implements AutoCloseable {
  /**
   * Reads one value where the parser is, without looking past it: the document goes on after
   * it (Json.MAPPER would check for trailing tokens; its duplicate-key rule stays).
   */
  private static final ObjectReader SUBTREE = Json.MAPPER.reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /**
   * Json.MAPPER's factory (the same limits and duplicate-member rule as any other body) without
   * interning field names: in an import most names are Resource IDs, each seen once, and
   * String.intern of a million of them filled the JVM's string table for nothing (issue 15, I1).
   * Canonicalizing stays on: without it Jackson reads bytes through a Reader, whose locations
   * are char offsets, and {@link #groupAttributes} seeks by byte offset.
   */
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory().copy()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES);

  /** What a batch holds: a Group's own attributes (before its Resources), or one Resource. */
  sealed interface Item permits GroupItem, ResourceItem {
  }

  /** A Group and its attributes: every member of its object except its Resource collections. */
  record GroupItem(GroupType type, String id, ObjectNode attributes) implements Item {
  }

  /** One Resource of the Group read last, as its own small tree. */
  record ResourceItem(ResourceType type, String id, ObjectNode body) implements Item {
  }

  /** Where in the document the next token is: a small explicit stack, so a batch can end anywhere. */
  private enum Level { ROOT, GROUP_MAP, GROUP, RESOURCE_MAP, DONE }

  private final Path file;
  private final Model model;
  private final String subject;
  private final JsonParser parser;
  private Level level = Level.ROOT;
  private GroupType group;
  private String groupId;
  private ResourceType resource;

  private ImportReader(Path file, Model model, String subject) throws IOException {
    this.file = file;
    this.model = model;
    this.subject = subject;
    this.parser = open(file, 0);
  }

  /** A reader of the Group collections of the document at {@code file}, as {@code model} names them. */
  static ImportReader open(Path file, Model model, String subject) {
    try {
      ImportReader reader = new ImportReader(file, model, subject);
      reader.expectObject(reader.parser.nextToken(), subject, "the body");
      return reader;
    } catch (IOException | RuntimeException e) {
      throw failure(e, subject);
    }
  }

  /**
   * The members of the document's root object that {@code keep} accepts, each as a tree; the
   * others are skipped unread. The whole document is checked for well-formedness on the way.
   */
  static ObjectNode rootMembers(Path file, Predicate<String> keep, String subject) {
    try (JsonParser p = open(file, 0)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw XRegistryException.of(ErrorType.MISSING_BODY, subject).build();
      }
      if (first != JsonToken.START_OBJECT) {
        throw XRegistryException.of(ErrorType.BAD_REQUEST, subject)
            .errorDetail("the body must be a JSON object, not " + kind(first)).build();
      }
      ObjectNode out = members(p, keep, subject);
      if (p.nextToken() != null) {
        throw XRegistryException.of(ErrorType.PARSING_DATA, subject)
            .errorDetail("invalid JSON: unexpected content after the end of the body").build();
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw failure(e, subject);
    }
  }

  /**
   * The next Groups and Resources, at most {@code maxResources} Resources; empty at the end of
   * the document.
   */
  List<Item> next(int maxResources) {
    List<Item> out = new ArrayList<>();
    try {
      int resources = 0;
      while (resources < maxResources && level != Level.DONE) {
        Item item = step();
        if (item != null) {
          out.add(item);
          if (item instanceof ResourceItem) {
            resources++;
          }
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw failure(e, subject);
    }
  }

  /** Advances by one member; returns what it completed, if anything. */
  private Item step() throws IOException {
    JsonToken t = parser.nextToken();
    switch (level) {
      case ROOT -> {
        if (t == JsonToken.END_OBJECT) {
          if (parser.nextToken() != null) {
            throw XRegistryException.of(ErrorType.PARSING_DATA, subject)
                .errorDetail("invalid JSON: unexpected content after the end of the body").build();
          }
          level = Level.DONE;
          return null;
        }
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        group = model.group(name).orElse(null);
        if (group == null || value == JsonToken.VALUE_NULL) {
          parser.skipChildren(); // the Registry's own attributes were read before; null leaves the Groups alone
          return null;
        }
        expectMap(value, "/" + name);
        level = Level.GROUP_MAP;
        return null;
      }
      case GROUP_MAP -> {
        if (t == JsonToken.END_OBJECT) {
          level = Level.ROOT;
          return null;
        }
        String collection = "/" + group.plural();
        groupId = Ids.check(parser.currentName(), collection);
        JsonToken value = parser.nextToken();
        if (value != JsonToken.START_OBJECT) {
          throw entryNotObject(collection, groupId);
        }
        // A Group's attributes may follow its Resources in the document; they are read first, by
        // a second parser over the same object, so the Group is written before its Resources.
        long offset = parser.currentTokenLocation().getByteOffset();
        ObjectNode attributes = groupAttributes(offset);
        level = Level.GROUP;
        return new GroupItem(group, groupId, attributes);
      }
      case GROUP -> {
        if (t == JsonToken.END_OBJECT) {
          level = Level.GROUP_MAP;
          return null;
        }
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        resource = group.resource(name).orElse(null);
        if (resource == null || value == JsonToken.VALUE_NULL) {
          parser.skipChildren(); // an attribute, read with the Group
          return null;
        }
        expectMap(value, groupXid() + "/" + name);
        level = Level.RESOURCE_MAP;
        return null;
      }
      case RESOURCE_MAP -> {
        if (t == JsonToken.END_OBJECT) {
          level = Level.GROUP;
          return null;
        }
        String collection = groupXid() + "/" + resource.plural();
        String id = Ids.check(parser.currentName(), collection);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw entryNotObject(collection, id);
        }
        ObjectNode body = (ObjectNode) SUBTREE.readTree(parser);
        StorableValues.check(body, collection + "/" + id);
        return new ResourceItem(resource, id, body);
      }
      default -> throw new IllegalStateException("read past the end of the document");
    }
  }

  private String groupXid() {
    return "/" + group.plural() + "/" + groupId;
  }

  /** The members of the Group object at {@code offset} except its Resource collections. */
  private ObjectNode groupAttributes(long offset) throws IOException {
    try (JsonParser p = open(file, offset)) {
      p.nextToken();
      GroupType g = group;
      return members(p, name -> g.resource(name).isEmpty(), groupXid());
    }
  }

  /** Reads the members of the object the parser is at the start of; those not kept are skipped. */
  private static ObjectNode members(JsonParser p, Predicate<String> keep, String subject) throws IOException {
    ObjectNode out = Json.object();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (keep.test(name)) {
        if (out.has(name)) {
          throw XRegistryException.of(ErrorType.PARSING_DATA, subject)
              .errorDetail("invalid JSON: duplicate member \"" + name + "\"").build();
        }
        JsonNode value = SUBTREE.readTree(p);
        StorableValues.check(value, subject);
        out.set(name, value);
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private void expectObject(JsonToken t, String at, String what) {
    if (t == null) {
      throw XRegistryException.of(ErrorType.MISSING_BODY, at).build();
    }
    if (t != JsonToken.START_OBJECT) {
      throw XRegistryException.of(ErrorType.BAD_REQUEST, at)
          .errorDetail(what + " must be a JSON object, not " + kind(t)).build();
    }
  }

  /** As Bodies.map: a collection is a map of ID to entity. */
  private static void expectMap(JsonToken t, String collectionXid) {
    if (t != JsonToken.START_OBJECT) {
      throw XRegistryException.of(ErrorType.INVALID_ATTRIBUTE, collectionXid)
          .arg("name", collectionXid.substring(collectionXid.lastIndexOf('/') + 1))
          .errorDetail("a collection must be a map of ID to entity").build();
    }
  }

  private static XRegistryException entryNotObject(String collectionXid, String id) {
    return XRegistryException.of(ErrorType.BAD_REQUEST, collectionXid)
        .errorDetail("the entry \"" + id + "\" must be an object (CORE-COLL-006)").build();
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }

  private static JsonParser open(Path file, long offset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(offset);
    InputStream in = Channels.newInputStream(channel);
    JsonParser p = FACTORY.createParser(in);
    p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return p;
  }

  /** An XRegistryException as it is; a parser's complaint as {@code parsing_data}. */
  private static RuntimeException failure(Exception e, String subject) {
    if (e instanceof XRegistryException x) {
      return x;
    }
    if (e instanceof RuntimeException r && !(r instanceof NumberFormatException) && !(r instanceof ArithmeticException)
        && !(r instanceof java.io.UncheckedIOException)) {
      return r;
    }
    return Json.parseFailure(e, subject);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // a file only read from: nothing was lost
    }
  }
}
