package io.casegrid.citypackage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A city package as read: its manifest and files, each file's members and the items of its lists
 * with the line (or feature index) they stand at, and the problems met while reading. The files and
 * what they hold are described in {@code docs/CITY-PACKAGE.md}; their JSON Schemas are in this
 * module's {@code schemas/}.
 */
public final class CityPackage implements java.io.Closeable {

  /** The {@code format} every manifest names. */
  public static final String FORMAT = "casegrid-city-package";

  /** The version of the format this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public static final String MANIFEST = "manifest.json";
  public static final String AREAS = "areas.geojson";
  public static final String DEPARTMENTS = "departments.json";
  public static final String CATEGORIES = "categories.json";
  public static final String ROUTING = "routing.json";
  public static final String DEADLINES = "deadlines.json";
  public static final String CALENDAR = "calendar.json";
  public static final String ESCALATION = "escalation.json";
  public static final String SENSOR_RULES = "sensor-rules.json";
  public static final String METRIC_WEIGHTS = "metric-weights.json";
  public static final String OPEN311_CLIENTS = "open311-clients.json";

  /** The files every package has; the others may be left out (nothing of their kind). */
  public static final List<String> REQUIRED =
      List.of(MANIFEST, AREAS, DEPARTMENTS, CATEGORIES, DEADLINES, CALENDAR);

  /** Every JSON file of the format, in the order they are checked. */
  public static final List<String> FILES =
      List.of(
          MANIFEST,
          AREAS,
          DEPARTMENTS,
          CATEGORIES,
          ROUTING,
          DEADLINES,
          CALENDAR,
          ESCALATION,
          SENSOR_RULES,
          METRIC_WEIGHTS,
          OPEN311_CLIENTS);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build());
  }

  /** One member or list item of a file, where it stands. */
  public record Item(String file, long line, Long index, String path, JsonNode node) {

    /** The path of a field of this item, e.g. {@code rules[3].departmentCode}. */
    public String field(String name) {
      return path + "." + name;
    }

    /** A problem with one field of this item. */
    public Problem problem(String field, String rule, String value, String... args) {
      return new Problem(
          file,
          line,
          file.endsWith(".geojson") ? index : null,
          field == null ? path : field(field),
          rule,
          value,
          List.of(args));
    }
  }

  /** A JSON file as read: its top-level members, and the items of those that are arrays. */
  public record File(String name, Map<String, Item> members, Map<String, List<Item>> lists) {

    /** The items of a list (empty if the file has none). */
    public List<Item> list(String member) {
      return lists.getOrDefault(member, List.of());
    }

    /** A member, if the file has it. */
    public Optional<Item> member(String member) {
      return Optional.ofNullable(members.get(member));
    }
  }

  private final Map<String, File> files = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private final PackageFiles source;

  private CityPackage(PackageFiles source) {
    this.source = source;
  }

  /**
   * Reads the package at {@code path} (a folder or a zip); problems of reading (a file missing,
   * JSON that is not JSON) are among its {@link #problems()}. Close it to release the zip.
   */
  public static CityPackage read(Path path) throws IOException {
    return read(PackageFiles.open(path));
  }

  /** Reads the package from its files. */
  public static CityPackage read(PackageFiles source) throws IOException {
    CityPackage p = new CityPackage(source);
    for (String name : FILES) {
      Optional<InputStream> in = source.open(name);
      if (in.isEmpty()) {
        if (REQUIRED.contains(name)) {
          p.problems.add(new Problem(name, null, null, null, "file.missing", name, List.of()));
        }
        continue;
      }
      try (InputStream content = in.get()) {
        p.parse(name, content).ifPresent(f -> p.files.put(name, f));
      }
    }
    return p;
  }

  /** The package's files, to read the asset files it names. */
  public PackageFiles source() {
    return source;
  }

  /** A file as read, if the package has it and it is JSON. */
  public Optional<File> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /** The items of a list of a file; none if there is no such file or list. */
  public List<Item> list(String file, String member) {
    return file(file).map(f -> f.list(member)).orElse(List.of());
  }

  /** A top-level member of a file, if there is one. */
  public Optional<Item> member(String file, String member) {
    return file(file).flatMap(f -> f.member(member));
  }

  /** The problems met while reading: files missing, not JSON, not objects. */
  public List<Problem> readingProblems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  private Optional<File> parse(String name, InputStream in) throws IOException {
    Map<String, Item> members = new LinkedHashMap<>();
    Map<String, List<Item>> lists = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problems.add(
            new Problem(name, line(parser), null, null, "json.not-object", name, List.of()));
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        long at = line(parser);
        if (value == JsonToken.START_ARRAY) {
          List<Item> items = new ArrayList<>();
          long index = 0;
          JsonToken t;
          while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
            long itemLine = line(parser);
            JsonNode node =
                t == JsonToken.VALUE_NULL ? NullNode.instance : parser.readValueAsTree();
            items.add(new Item(name, itemLine, index, member + "[" + index + "]", node));
            index++;
          }
          lists.put(member, items);
          members.put(member, new Item(name, at, null, member, null));
        } else {
          JsonNode node =
              value == JsonToken.VALUE_NULL ? NullNode.instance : parser.readValueAsTree();
          members.put(member, new Item(name, at, null, member, node));
        }
      }
      if (parser.nextToken() != null) {
        problems.add(new Problem(name, line(parser), null, null, "json.trailing", name, List.of()));
      }
    } catch (JsonProcessingException e) {
      problems.add(
          new Problem(
              name,
              e.getLocation() == null ? null : (long) e.getLocation().getLineNr(),
              null,
              null,
              "json.syntax",
              e.getOriginalMessage(),
              List.of()));
      return Optional.empty();
    }
    return Optional.of(new File(name, members, lists));
  }

  private static long line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
