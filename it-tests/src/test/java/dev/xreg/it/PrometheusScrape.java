package dev.xreg.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Prometheus text exposition (format 0.0.4): samples by name and labels. Parsing
 * is strict, so a malformed line fails the test instead of being skipped.
 */
final class PrometheusScrape {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;
  private final Map<String, String> types;

  private PrometheusScrape(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  static PrometheusScrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus text sample: " + line);
      }
      samples.add(new Sample(m.group(1), labels(m.group(2), line), Double.parseDouble(m.group(3))));
    }
    return new PrometheusScrape(samples, types);
  }

  private static Map<String, String> labels(String text, String line) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return labels;
    }
    Matcher m = LABEL.matcher(text);
    int end = 0;
    while (m.lookingAt()) {
      labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
      end = m.end();
      m.region(end, text.length());
    }
    if (end != text.length()) {
      throw new IllegalArgumentException("malformed labels in: " + line);
    }
    return labels;
  }

  /** The one sample with this name whose labels include all of {@code labels}, if any. */
  Optional<Double> value(String name, Map<String, String> labels) {
    List<Sample> matching = samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
    if (matching.size() > 1) {
      throw new IllegalArgumentException(name + labels + " matches " + matching.size() + " samples: " + matching);
    }
    return matching.stream().findFirst().map(Sample::value);
  }

  /** The value, or 0 for a series that was never recorded (counters start at 0). */
  double count(String name, Map<String, String> labels) {
    return value(name, labels).orElse(0.0);
  }

  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The {@code # TYPE} of a metric family, e.g. {@code summary}, {@code gauge}. */
  String type(String family) {
    return types.get(family);
  }
}
