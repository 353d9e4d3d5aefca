package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes what the services have loaded back as a city package — the export — so that it loads into
 * an empty installation and gives the same answers: the parts each service exports, in the files of
 * the format, the assets as a CSV with the register's own column names.
 */
public final class PackageWriter {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PackageWriter() {}

  /** The package's files by name, from the services' parts and the manifest's city. */
  public static Map<String, byte[]> files(Parts.Split parts, JsonNode city, String version)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ObjectNode manifest = F.objectNode();
    manifest.put("format", CityPackage.FORMAT);
    manifest.put("formatVersion", CityPackage.FORMAT_VERSION);
    manifest.set("city", city == null || city.isNull() ? F.objectNode().put("name", "") : city);
    manifest.put("version", version);
    ObjectNode intake = parts.intake();
    ObjectNode dispatch = parts.dispatch();
    ObjectNode supervision = parts.supervision();
    boolean assets = intake.path("assets").size() > 0;
    if (assets) {
      manifest.putArray("assets").addObject().put("file", "assets.csv").put("format", "csv");
    }
    files.put(CityPackage.MANIFEST, json(manifest));

    ObjectNode areas = F.objectNode().put("type", "FeatureCollection");
    ArrayNode features = areas.putArray("features");
    for (JsonNode a : intake.path("areas")) {
      ObjectNode f = features.addObject().put("type", "Feature");
      ObjectNode props = f.putObject("properties");
      for (String field : new String[] {"code", "level", "name", "nameEn", "parentCode"}) {
        if (a.hasNonNull(field)) {
          props.set(field, a.get(field));
        }
      }
      f.set("geometry", a.get("geometry"));
    }
    files.put(CityPackage.AREAS, json(areas));

    ObjectNode departments = F.objectNode();
    departments.set("departments", dispatch.path("departments").deepCopy());
    ArrayNode territories = departments.putArray("territories");
    for (JsonNode t : dispatch.path("territories")) {
      territories
          .addObject()
          .put("areaCode", t.path("streetCode").asText(t.path("communityCode").asText()))
          .put("departmentCode", t.path("departmentCode").asText());
    }
    files.put(CityPackage.DEPARTMENTS, json(departments));
    files.put(
        CityPackage.CATEGORIES, json(F.objectNode().set("categories", intake.path("categories"))));
    files.put(
        CityPackage.ROUTING, json(F.objectNode().set("rules", dispatch.path("routingRules"))));
    ObjectNode deadlines = F.objectNode();
    deadlines.set("policies", supervision.path("deadlinePolicies"));
    if (supervision.hasNonNull("supervisionOrderResponse")) {
      deadlines.set("supervisionOrderResponse", supervision.get("supervisionOrderResponse"));
    }
    files.put(CityPackage.DEADLINES, json(deadlines));
    files.put(CityPackage.CALENDAR, json(supervision.path("calendar")));
    if (supervision.hasNonNull("escalationLadder")) {
      files.put(CityPackage.ESCALATION, json(supervision.get("escalationLadder")));
    }
    if (intake.path("sensorRules").size() > 0) {
      files.put(
          CityPackage.SENSOR_RULES, json(F.objectNode().set("rules", intake.get("sensorRules"))));
    }
    if (supervision.hasNonNull("metricWeights") && supervision.get("metricWeights").size() > 0) {
      files.put(
          CityPackage.METRIC_WEIGHTS,
          json(F.objectNode().set("weights", supervision.get("metricWeights"))));
    }
    if (intake.path("open311Clients").size() > 0) {
      files.put(
          CityPackage.OPEN311_CLIENTS,
          json(F.objectNode().set("clients", intake.get("open311Clients"))));
    }
    if (assets) {
      StringBuilder csv =
          new StringBuilder("code,categoryCode,latitude,longitude,ownerDepartmentCode,address\n");
      for (JsonNode a : intake.path("assets")) {
        csv.append(a.path("code").asText())
            .append(',')
            .append(a.path("categoryCode").asText())
            .append(',')
            .append(a.path("latitude").asText())
            .append(',')
            .append(a.path("longitude").asText())
            .append(',')
            .append(a.path("ownerDepartmentCode").asText(""))
            .append(',')
            .append(quoted(a.path("address").asText("")))
            .append('\n');
      }
      files.put("assets.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  /** Writes the files into a folder. */
  public static void toFolder(Map<String, byte[]> files, Path folder) throws IOException {
    Files.createDirectories(folder);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(folder.resolve(f.getKey()), f.getValue());
    }
  }

  /** Writes the files as a zip archive. */
  public static void toZip(Map<String, byte[]> files, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
  }

  /** A folder's package files as a zip, to send to a service. */
  public static byte[] zip(Path folder) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (var walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    var out = new java.io.ByteArrayOutputStream();
    toZip(files, out);
    return out.toByteArray();
  }

  static byte[] json(JsonNode node) throws IOException {
    return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String quoted(String text) {
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }
}
