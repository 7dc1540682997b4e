package dev.xreg.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns sized to their widest cell, a header in bold on a terminal. */
public final class Table {
  private static final int MAX_CELL = 60;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(String... cells) {
    List<String> r = new ArrayList<>();
    for (String c : cells) {
      String s = c == null ? "" : c.replace('\n', ' ');
      r.add(s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s);
    }
    rows.add(r);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public String render(Colours colours) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(colours.bold(line(header, width))).append('\n');
    for (List<String> r : rows) {
      b.append(line(r, width)).append('\n');
    }
    return b.toString();
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i == cells.size() - 1) {
        b.append(c);
      } else {
        b.append(c).append(" ".repeat(width[i] - c.length() + 2));
      }
    }
    return b.toString().stripTrailing();
  }
}
