package io.casegrid.kit.bulletin;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A document as CSV (RFC 4180) in UTF-8 with a byte-order mark, so that Excel opens the Chinese
 * text as such: the title and facts, then each section's heading, columns and rows, separated by
 * empty lines. A cell that a spreadsheet would take for a formula (starting with {@code = + - @}, a
 * tab or a carriage return) is prefixed with an apostrophe.
 */
public final class Csv {

  private static final String BOM = "\uFEFF";

  private Csv() {}

  public static byte[] of(Document document) {
    StringBuilder out = new StringBuilder(BOM);
    line(out, List.of(document.title()));
    document.facts().forEach(f -> line(out, List.of(f)));
    for (Document.Section section : document.sections()) {
      out.append("\r\n");
      line(out, List.of(section.heading()));
      line(out, section.columns());
      section.rows().forEach(row -> line(out, row));
      if (section.note() != null) {
        line(out, List.of(section.note()));
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  public static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  // A negative number is no formula: it stays a number for the spreadsheet.
  private static boolean isNumber(String v) {
    return v.matches("-?\\d+(\\.\\d+)?%?");
  }
}
