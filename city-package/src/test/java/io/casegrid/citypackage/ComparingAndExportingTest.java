package io.casegrid.citypackage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a package would change is its diff against what is loaded (added, changed, retired); the
 * same package again changes nothing; and the loaded state written back as a package (the export)
 * reads as the same city. Every file keeps to its published JSON Schema.
 */
class ComparingAndExportingTest {

  @TempDir Path folder;

  private Parts.Split parts(TinyCity city, String name) throws IOException {
    try (CityPackage p = CityPackage.read(city.writtenTo(folder.resolve(name)))) {
      Loader.Checked c = Loader.check(p);
      assertThat(c.problems()).isEmpty();
      return c.parts();
    }
  }

  @Test
  void theSamePackageTwiceChangesNothing() throws IOException {
    assertThat(Diff.none(Diff.between(parts(new TinyCity(), "a"), parts(new TinyCity(), "b"))))
        .isTrue();
  }

  @Test
  void theDiffListsWhatIsAddedChangedAndRetiredByKey() throws IOException {
    TinyCity next =
        new TinyCity()
            .replace("categories.json", "\"name\": \"水井盖\"", "\"name\": \"供水井盖\"")
            .replace(
                "routing.json",
                "{\"categoryCode\": \"G01\", \"territorialOffice\": \"STREET\"},",
                "{\"categoryCode\": \"G01\", \"territorialOffice\": \"COMMUNITY\"},")
            .replace(
                "calendar.json",
                "\"holidays\": [{\"date\": \"2027-01-01\", \"name\": \"元旦\"}]",
                "\"holidays\": [{\"date\": \"2027-02-01\", \"name\": \"春节\"}]")
            .replace(
                "covers.csv",
                "4401010101000003,W01,23.15,113.15,\n",
                "4401010101000004,W01,23.15,113.15,\n");

    List<Diff.Changes> changes = Diff.between(parts(new TinyCity(), "a"), parts(next, "b"));

    assertThat(kind(changes, "categories").changedKeys()).containsExactly("W01");
    assertThat(kind(changes, "routingRules").changedKeys()).containsExactly("G01@city");
    assertThat(kind(changes, "holidays").addedKeys()).containsExactly("2027-02-01");
    assertThat(kind(changes, "holidays").retiredKeys()).containsExactly("2027-01-01");
    assertThat(kind(changes, "assets").addedKeys()).containsExactly("4401010101000004");
    assertThat(kind(changes, "assets").retiredKeys()).containsExactly("4401010101000003");
    assertThat(kind(changes, "assets").unchanged()).isEqualTo(2);
    assertThat(kind(changes, "departments").isEmpty()).isTrue();
  }

  @Test
  void theExportReadsBackAsTheSameCity() throws IOException {
    Parts.Split loaded = parts(new TinyCity(), "a");
    Map<String, byte[]> files =
        PackageWriter.files(loaded, new ObjectMapper().readTree("{\"name\": \"小城\"}"), "exported");
    Path exported = folder.resolve("exported");
    PackageWriter.toFolder(files, exported);

    try (CityPackage p = CityPackage.read(exported)) {
      Loader.Checked again = Loader.check(p);
      assertThat(again.problems()).isEmpty();
      assertThat(Diff.none(Diff.between(loaded, again.parts()))).isTrue();
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().endsWith(".json") || f.getKey().endsWith(".geojson")) {
        assertThat(schemaProblems(f.getKey(), new ObjectMapper().readTree(f.getValue())))
            .as(f.getKey())
            .isEmpty();
      }
    }
  }

  @Test
  void theTestCitysFilesKeepToThePublishedSchemas() throws IOException {
    Path written = new TinyCity().writtenTo(folder.resolve("tiny"));
    for (String file : CityPackage.FILES) {
      if (Files.exists(written.resolve(file))) {
        assertThat(
                schemaProblems(file, new ObjectMapper().readTree(written.resolve(file).toFile())))
            .as(file)
            .isEmpty();
      }
    }
  }

  @Test
  void theSchemasRefuseWhatTheCheckRefuses() throws IOException {
    JsonNode routing =
        new ObjectMapper()
            .readTree(
                "{\"rules\": [{\"categoryCode\": \"G01\", \"departmentCode\": \"TT-CM\","
                    + " \"territorialOffice\": \"STREET\"}]}");
    JsonNode areas =
        new ObjectMapper()
            .readTree(
                "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
                    + " \"properties\": {\"code\": \"4401011\", \"name\": \"x\"}, \"geometry\":"
                    + " {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}");

    assertThat(schemaProblems(CityPackage.ROUTING, routing)).isNotEmpty();
    assertThat(schemaProblems(CityPackage.AREAS, areas)).hasSizeGreaterThanOrEqualTo(2);
  }

  /** The problems the published schema of a package file finds in it. */
  static List<String> schemaProblems(String file, JsonNode content) throws IOException {
    String schema = "/schemas/" + file.replaceFirst("\\.(geo)?json$", "") + ".schema.json";
    try (InputStream in = ComparingAndExportingTest.class.getResourceAsStream(schema)) {
      assertThat(in).as(schema).isNotNull();
      JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      return s.validate(content).stream().map(Object::toString).toList();
    }
  }

  private static Diff.Changes kind(List<Diff.Changes> changes, String kind) {
    return changes.stream().filter(c -> c.kind().equals(kind)).findFirst().orElseThrow();
  }
}
