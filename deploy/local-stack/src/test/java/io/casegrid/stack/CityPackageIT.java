package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.casegrid.citypackage.CityPackage;
import io.casegrid.citypackage.Diff;
import io.casegrid.citypackage.Loader;
import io.casegrid.citypackage.PackageWriter;
import io.casegrid.citypackage.Parts;
import io.casegrid.embedded.FreePorts;
import io.casegrid.embedded.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An empty installation becomes a city through its package alone: the second city of the repository
 * (deploy/demo/second-city, from its script) is refused while broken — every problem reported,
 * nothing changed in any service — then loaded through the administration endpoint (the report and
 * diff first, then all of it in all three services), and cases filed in it are routed and get their
 * deadlines. Loading it again changes nothing, and the export is the same city.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CityPackageIT {

  private static final Path SECOND_CITY =
      Path.of(System.getProperty("casegrid.repo.root", "../.."), "deploy/demo/second-city");

  private static LocalStack system;
  private static Path home;

  @BeforeAll
  static void anEmptyInstallation() throws IOException {
    home = Files.createTempDirectory("casegrid-empty-");
    system =
        LocalStack.start(
            new LocalStack.Settings(
                home,
                Path.of(System.getProperty("casegrid.repo.root", "../.."))
                    .toAbsolutePath()
                    .normalize(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                Map.of(
                    "intake", FreePorts.next(),
                    "dispatch", FreePorts.next(),
                    "supervision", FreePorts.next()),
                "256m"),
            "none");
  }

  @AfterAll
  static void stop() throws IOException {
    system.close();
    TestInfrastructure.deleteRecursively(home);
  }

  private static io.restassured.specification.RequestSpecification as(String user) {
    return RestAssured.given().auth().oauth2(system.tokens().forUser(user));
  }

  private static byte[] zipped(Path folder) throws IOException {
    return PackageWriter.zip(folder);
  }

  private static Response upload(byte[] zip, boolean apply, String language) {
    return as("admin1")
        .baseUri(system.url("intake"))
        .contentType("application/zip")
        .header("Accept-Language", language)
        .queryParam("apply", apply)
        .body(zip)
        .post("/api/admin/city-packages");
  }

  private static Parts.Split loaded() throws Exception {
    return system.loader(Locale.ENGLISH).exported();
  }

  @Test
  @Order(1)
  void aBrokenPackageIsReportedInFullAndChangesNothingInAnyService() throws Exception {
    Path broken = Files.createTempDirectory(home, "broken-");
    try (var files = Files.list(SECOND_CITY)) {
      for (Path f : files.toList()) {
        Files.copy(f, broken.resolve(f.getFileName()));
      }
    }
    replace(
        broken.resolve("routing.json"),
        "\"departmentCode\": \"JC-URBAN\"",
        "\"departmentCode\": \"JC-NOBODY\"");
    replace(broken.resolve("areas.geojson"), "\"XZQDM\": \"440852003\"", "\"XZQDM\": \"44085200\"");
    replace(broken.resolve("calendar.json"), "\"2027-10-09\"", "\"2027-10-08\"");
    Parts.Split before = loaded();

    JsonPath report =
        upload(zipped(broken), true, "en").then().statusCode(422).extract().jsonPath();

    assertThat(report.getString("outcome")).isEqualTo("INVALID");
    assertThat(report.getList("problems.rule"))
        .contains("department.missing", "area.code.length", "calendar.make-up.weekday");
    assertThat(report.getList("problems.file"))
        .contains("routing.json", "areas.geojson", "calendar.json");
    assertThat(report.getString("problems.find { it.rule == 'area.code.length' }.message"))
        .contains("national code lengths")
        .contains("44085200");
    assertThat(report.getString("problems.find { it.rule == 'department.missing' }.field"))
        .matches("rules\\[\\d+]\\.departmentCode");
    assertThat(
            upload(zipped(broken), true, "zh-CN")
                .jsonPath()
                .getString("problems.find { it.rule == 'area.code.length' }.message"))
        .contains("国家区划代码长度规则");
    assertThat(Diff.none(Diff.between(before, loaded()))).isTrue();
    as("operator1")
        .baseUri(system.url("intake"))
        .get("/api/areas")
        .then()
        .statusCode(200)
        .body("areas.size()", equalTo(0));
  }

  @Test
  @Order(2)
  void theSecondCityIsShownAsADiffThenLoadedIntoEveryService() throws Exception {
    JsonPath checked =
        upload(zipped(SECOND_CITY), false, "en").then().statusCode(200).extract().jsonPath();
    assertThat(checked.getString("outcome")).isEqualTo("CHECKED");
    assertThat(checked.getInt("changes.find { it.kind == 'assets' }.added")).isEqualTo(2016);
    assertThat(checked.getInt("changes.find { it.kind == 'areas' }.added")).isEqualTo(92);
    assertThat(checked.getInt("changes.find { it.kind == 'departments' }.added")).isEqualTo(18);
    assertThat(loaded().intake().get("categories")).isEmpty();

    JsonPath applied =
        upload(zipped(SECOND_CITY), true, "en").then().statusCode(200).extract().jsonPath();

    assertThat(applied.getString("outcome")).isEqualTo("ACTIVATED");
    assertThat(applied.getMap("services"))
        .containsEntry("intake", "ACTIVE")
        .containsEntry("dispatch", "ACTIVE")
        .containsEntry("supervision", "ACTIVE");
    as("dispatcher1")
        .baseUri(system.url("dispatch"))
        .get("/api/territories")
        .then()
        .body("size()", equalTo(6));
    as("supervisor1")
        .baseUri(system.url("supervision"))
        .get("/api/calendar")
        .then()
        .body("workingPeriods[0].start", startsWith("09:00"));
  }

  @Test
  @Order(3)
  void exposedGarbageInTheNewCityGoesToTheOfficeOfItsStreetAndHasItsDeadline() {
    String id =
        filed("SJ01", "临江路边垃圾成堆", 23.06, 113.21)
            .body("location.gridCode", equalTo("440851001001001"))
            .extract()
            .path("id");

    dispatchedTo(id, "JC-ST1001", "ROUTING_CATALOGUE");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .baseUri(system.url("supervision"))
                    .get("/api/cases/" + id + "/deadline")
                    .then()
                    .statusCode(200)
                    .body("policy", equalTo("SJ01/NORMAL"))
                    .body("resolveDueAt", notNullValue()));
  }

  @Test
  @Order(4)
  void aCoverReportedAtItsPositionWithoutItsCodeReachesItsOwner() throws IOException {
    String[] cover =
        Files.readAllLines(SECOND_CITY.resolve("covers.csv"), StandardCharsets.UTF_8)
            .get(1)
            .split(",");
    String id =
        filed(cover[1], "井盖缺失", Double.parseDouble(cover[2]), Double.parseDouble(cover[3]))
            .body("assetCode", equalTo(cover[0]))
            .body("assetFoundBy", equalTo("POSITION"))
            .extract()
            .path("id");

    dispatchedTo(id, cover[4], "ASSET_OWNER");
  }

  @Test
  @Order(5)
  void theSamePackageAgainChangesNothingAndTheExportIsTheSameCity() throws Exception {
    JsonPath again =
        upload(zipped(SECOND_CITY), true, "en").then().statusCode(200).extract().jsonPath();
    assertThat(again.getString("outcome")).isEqualTo("UNCHANGED");

    byte[] export =
        as("admin1")
            .baseUri(system.url("intake"))
            .get("/api/admin/city-packages/export")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Path zip = Files.write(home.resolve("export.zip"), export);
    try (CityPackage exported = CityPackage.read(zip);
        CityPackage original = CityPackage.read(SECOND_CITY)) {
      Loader.Checked e = Loader.check(exported);
      assertThat(e.problems()).isEmpty();
      assertThat(Diff.none(Diff.between(Loader.check(original).parts(), e.parts()))).isTrue();
    }
    assertThat(upload(export, true, "en").jsonPath().getString("outcome")).isEqualTo("UNCHANGED");
  }

  // A complaint filed by the hotline, anonymous, in a category at a position.
  private static io.restassured.response.ValidatableResponse filed(
      String category, String description, double latitude, double longitude) {
    return as("operator1")
        .baseUri(system.url("intake"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind",
                "COMPLAINT",
                "channel",
                "HOTLINE",
                "categoryCode",
                category,
                "description",
                description,
                "position",
                Map.of("latitude", latitude, "longitude", longitude),
                "reporter",
                Map.of("anonymous", true)))
        .post("/api/cases")
        .then()
        .statusCode(201);
  }

  // Waits until dispatch has placed the case with the department, on the basis.
  private static void dispatchedTo(String id, String department, String basis) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as("dispatcher1")
                    .baseUri(system.url("dispatch"))
                    .get("/api/cases/" + id)
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo(department))
                    .body("basis", equalTo(basis)));
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String content = Files.readString(file);
    assertThat(content).contains(from);
    Files.writeString(file, content.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }
}
