package io.casegrid.citypackage.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An asset file in CSV (RFC 4180, UTF-8): a header line naming the columns {@code code}, {@code
 * categoryCode}, {@code latitude}, {@code longitude}, {@code ownerDepartmentCode} and optionally
 * {@code address}, or the names an {@link AssetColumns} mapping gives them, in any order (other
 * columns are ignored), then one asset per record. Fields may be quoted, with {@code ""} for a
 * quote, and a quoted field may span lines; a record is reported by the line it starts on. Read a
 * record at a time, each at most {@value #MAX_RECORD} characters.
 */
public final class CsvAssetFile implements AssetFile {

  /** A record longer than this is no asset row; it is skipped up to the end of its line. */
  public static final int MAX_RECORD = 16 * 1024;

  private static final List<String> REQUIRED =
      List.of("code", "categoryCode", "latitude", "longitude", "ownerDepartmentCode");
  private static final String OPTIONAL = "address";

  private final Map<String, String> columnOf;

  private final Reader in;
  private final char[] buffer = new char[64 * 1024];
  private int next;
  private int end;
  private long line = 1;
  private final int width;
  private final Map<String, Integer> columns = new HashMap<>();

  /** Reads the header line; a file without the required columns is no asset file. */
  public CsvAssetFile(InputStream body) throws IOException, NotAnAssetFile {
    this(body, AssetColumns.OWN_NAMES);
  }

  /** Reads the header line, whose columns {@code mapping} names. */
  public CsvAssetFile(InputStream body, AssetColumns mapping) throws IOException, NotAnAssetFile {
    this.columnOf = mapping.byField();
    // Invalid bytes become U+FFFD, which the rules refuse in the row they are in.
    this.in =
        new InputStreamReader(
            body,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    CsvRecord header = record();
    if (header == null) {
      throw new NotAnAssetFile("the CSV file is empty");
    }
    if (header.malformed() != null) {
      throw new NotAnAssetFile("the CSV header line is malformed: " + header.malformed());
    }
    List<String> names = header.fields();
    width = names.size();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).replace("\uFEFF", "").strip();
      if (columns.putIfAbsent(name, i) != null) {
        throw new NotAnAssetFile("the CSV header names the column '" + shown(name) + "' twice");
      }
    }
    List<String> missing =
        REQUIRED.stream().map(columnOf::get).filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new NotAnAssetFile(
          "the CSV header line must name the columns "
              + String.join(", ", REQUIRED.stream().map(columnOf::get).toList())
              + " (and may name "
              + columnOf.get(OPTIONAL)
              + "); missing: "
              + String.join(", ", missing.stream().map(CsvAssetFile::shown).toList()));
    }
  }

  @Override
  public Item next() throws IOException {
    CsvRecord record = record();
    if (record == null) {
      return null;
    }
    if (record.malformed() != null) {
      return new Unreadable(record.line(), record.malformed());
    }
    List<String> fields = record.fields();
    if (fields.size() != width) {
      return new Unreadable(
          record.line(), "has " + fields.size() + " fields where the header has " + width);
    }
    return new Row(
        record.line(),
        field(fields, "code"),
        field(fields, "categoryCode"),
        field(fields, "latitude"),
        field(fields, "longitude"),
        field(fields, "ownerDepartmentCode"),
        field(fields, OPTIONAL));
  }

  private String field(List<String> fields, String field) {
    Integer i = columns.get(columnOf.get(field));
    return i == null ? null : fields.get(i).strip();
  }

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  /** A record: the line it starts on, and its fields or why it is malformed. */
  private record CsvRecord(long line, List<String> fields, String malformed) {
    static CsvRecord malformed(long line, String why) {
      return new CsvRecord(line, List.of(), why);
    }
  }

  /** The next record, or null at the end of the file. Blank lines are skipped. */
  private CsvRecord record() throws IOException {
    while (true) {
      long start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      State state = State.FIELD_START;
      int length = 0;
      while (true) {
        int c = read();
        if (c < 0) {
          if (length == 0) {
            return null;
          }
          if (state == State.QUOTED) {
            return CsvRecord.malformed(start, "a quoted field is not closed");
          }
          fields.add(field.toString());
          return new CsvRecord(start, fields, null);
        }
        if (++length > MAX_RECORD) {
          skipLine(c);
          return CsvRecord.malformed(start, "is longer than " + MAX_RECORD + " characters");
        }
        if ((c == '\n' || c == '\r') && state != State.QUOTED) {
          endOfLine(c);
          if (length == 1) {
            break; // A blank line.
          }
          fields.add(field.toString());
          return new CsvRecord(start, fields, null);
        }
        switch (state) {
          case FIELD_START -> {
            if (c == '"') {
              state = State.QUOTED;
            } else if (c == ',') {
              fields.add("");
            } else {
              field.append((char) c);
              state = State.UNQUOTED;
            }
          }
          case UNQUOTED -> {
            if (c == ',') {
              fields.add(field.toString());
              field.setLength(0);
              state = State.FIELD_START;
            } else {
              field.append((char) c);
            }
          }
          case QUOTED -> {
            if (c == '"') {
              state = State.QUOTE_IN_QUOTED;
            } else {
              if (c == '\n') {
                line++;
              }
              field.append((char) c);
            }
          }
          case QUOTE_IN_QUOTED -> {
            if (c == '"') {
              field.append('"');
              state = State.QUOTED;
            } else if (c == ',') {
              fields.add(field.toString());
              field.setLength(0);
              state = State.FIELD_START;
            } else {
              skipLine(c);
              return CsvRecord.malformed(start, "text follows the closing quote of a field");
            }
          }
        }
      }
    }
  }

  // After CR or LF: a CRLF is one line end.
  private void endOfLine(int c) throws IOException {
    line++;
    if (c == '\r' && peek() == '\n') {
      read();
    }
  }

  // Drops the rest of the physical line that {@code c} belongs to.
  private void skipLine(int c) throws IOException {
    while (c >= 0 && c != '\n' && c != '\r') {
      c = read();
    }
    if (c >= 0) {
      endOfLine(c);
    }
  }

  private int read() throws IOException {
    if (next == end && !fill()) {
      return -1;
    }
    return buffer[next++];
  }

  private int peek() throws IOException {
    if (next == end && !fill()) {
      return -1;
    }
    return buffer[next];
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    next = 0;
    end = Math.max(n, 0);
    return n > 0;
  }

  private static String shown(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "…" : name;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
