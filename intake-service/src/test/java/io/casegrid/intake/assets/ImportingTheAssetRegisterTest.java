package io.casegrid.intake.assets;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An administrator imports a city's asset register from files far larger than a request body may
 * otherwise be, follows the import, and finds each bad row reported by its line or feature while
 * every good row is stored.
 */
@QuarkusTest
class ImportingTheAssetRegisterTest {

  private static final String IMPORTS = "/api/admin/asset-imports";
  private static final String HEADER =
      "code,categoryCode,latitude,longitude,ownerDepartmentCode,address\n";

  @Inject EntityManager entityManager;

  /** Codes of this test's own: 2 digits of the division, 4 random, the class, a serial. */
  private final String prefix =
      "33" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000)) + "0102";

  @BeforeEach
  void loadTheDemoCity() {
    DemoCity.load(
        "intake",
        RestAssured.baseURI + ":" + RestAssured.port,
        TestInfrastructure.shared().tokens().forUser("admin1"));
  }

  private String code(int serial) {
    return prefix + String.format("%06d", serial);
  }

  // A position inside the demo city's district 339901, spread over its grids, to six decimals as
  // the files write it.
  private static double latitude(int serial) {
    return Math.round((30.205 + (serial % 100) * 0.0011) * 1e6) / 1e6;
  }

  private static double longitude(int serial) {
    return Math.round((120.085 + (serial / 100 % 100) * 0.00043) * 1e6) / 1e6;
  }

  private String csvRow(int serial) {
    return String.format(
        "%s,0102,%.6f,%.6f,DRAINAGE,\"湖滨路%d号, 井%d\"\n",
        code(serial), latitude(serial), longitude(serial), serial, serial);
  }

  private String feature(int serial) {
    return String.format(
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]},"
            + "\"properties\":{\"code\":\"%s\",\"categoryCode\":\"0111\","
            + "\"ownerDepartmentCode\":\"GAS\",\"address\":\"燃气井%d\"}}",
        longitude(serial), latitude(serial), code(serial), serial);
  }

  // The content type as given: REST Assured would otherwise add a charset of its own to text/csv.
  private static Response start(String contentType, byte[] file) {
    return as("admin1")
        .config(
            RestAssured.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
        .contentType(contentType)
        .body(file)
        .post(IMPORTS);
  }

  private static JsonPath finished(String location) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> !as("admin1").get(location).path("state").equals("RUNNING"));
    return as("admin1").get(location).then().statusCode(200).extract().jsonPath();
  }

  private long assetsOfThisTest() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery("SELECT count(*) FROM asset WHERE code LIKE ?1")
                            .setParameter(1, prefix + "%")
                            .getSingleResult())
                    .longValue());
  }

  private Object[] asset(String code) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (Object[])
                    entityManager
                        .createNativeQuery(
                            "SELECT latitude, longitude, owner_department_code, address"
                                + " FROM asset WHERE code = ?1")
                        .setParameter(1, code)
                        .getSingleResult());
  }

  @Test
  void tenThousandAssetsFromCsvAreStoredAndThreeBadRowsReportedByTheirLines() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int serial = 1; serial <= 10_000; serial++) {
      // The file's line of this row is serial + 1, the header being line 1.
      csv.append(
          switch (serial) {
            case 100 -> csvRow(serial).replace(code(serial), code(serial).substring(1));
            case 5001 -> csvRow(serial).replace(",0102,", ",9999,");
            case 9998 -> csvRow(serial).replace(",DRAINAGE,", ",NO-SUCH-DEPARTMENT,");
            default -> csvRow(serial);
          });
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

    Response started = start("text/csv", file);
    started
        .then()
        .statusCode(202)
        .body("format", equalTo("CSV"))
        .body("bytes", equalTo(file.length));
    String location = started.header("Location");
    assertThat(location).endsWith(IMPORTS + "/" + started.path("id"));

    JsonPath done = finished(location);
    assertThat(done.getString("state")).isEqualTo("DONE");
    assertThat(done.getLong("rowsRead")).isEqualTo(10_000);
    assertThat(done.getLong("rowsStored")).isEqualTo(9_997);
    assertThat(done.getLong("rowsRejected")).isEqualTo(3);
    assertThat(done.getDouble("rowsPerSecond")).isPositive();
    assertThat(done.getList("rejected.line", Integer.class)).containsExactly(101, 5002, 9999);
    assertThat(done.getList("rejected.field", String.class))
        .containsExactly("code", "categoryCode", "ownerDepartmentCode");
    assertThat(done.getString("rejected[0].reason")).startsWith("must be 16 digits");
    assertThat(done.getString("rejected[0].code")).isEqualTo(code(100).substring(1));
    assertThat(done.getList("rejected.feature")).containsOnlyNulls();
    assertThat(assetsOfThisTest()).isEqualTo(9_997);
    assertThat(asset(code(42)))
        .containsExactly(latitude(42), longitude(42), "DRAINAGE", "湖滨路42号, 井42");

    as("admin1")
        .get(IMPORTS)
        .then()
        .statusCode(200)
        .body("[0].id", equalTo(started.path("id")))
        .body("[0].rowsStored", equalTo(9_997));
  }

  @Test
  void tenThousandAssetsFromGeoJsonSentInChunksAreStoredAndThreeBadFeaturesReported()
      throws Exception {
    StringBuilder geoJson =
        new StringBuilder("{\"type\":\"FeatureCollection\",\"name\":\"井盖\",\"features\":[");
    for (int serial = 0; serial < 10_000; serial++) {
      if (serial > 0) {
        geoJson.append(',');
      }
      geoJson.append(
          switch (serial) {
            case 0 -> feature(serial).replace("\"code\":\"" + code(serial) + "\",", "");
            case 4000 -> feature(serial).replace("\"Point\"", "\"LineString\"");
            case 9999 -> feature(serial).replaceFirst("\\[[0-9.]+,", "[116.4,");
            default -> feature(serial);
          });
    }
    byte[] file = geoJson.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    assertThat(file.length).isGreaterThan(1024 * 1024);

    // No Content-Length: the upload arrives in chunks, as a client streaming a file sends it.
    HttpResponse<String> started =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + IMPORTS))
                    .header("Content-Type", "application/geo+json")
                    .header(
                        "Authorization",
                        "Bearer " + TestInfrastructure.shared().tokens().forUser("admin1"))
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(file)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

    JsonPath done = finished(started.headers().firstValue("Location").orElseThrow());
    assertThat(done.getString("state")).isEqualTo("DONE");
    assertThat(done.getLong("bytes")).isEqualTo(file.length);
    assertThat(done.getLong("rowsRead")).isEqualTo(10_000);
    assertThat(done.getLong("rowsStored")).isEqualTo(9_997);
    assertThat(done.getList("rejected.feature", Integer.class)).containsExactly(0, 4000, 9999);
    assertThat(done.getList("rejected.field", String.class))
        .containsExactly("code", null, "position");
    assertThat(done.getString("rejected[1].reason"))
        .startsWith("malformed: geometry must be a Point");
    assertThat(assetsOfThisTest()).isEqualTo(9_997);
    assertThat(asset(code(1))).containsExactly(latitude(1), longitude(1), "GAS", "燃气井1");
  }

  @Test
  void aCitysOwnColumnNamesAreMappedToTheRegistersFields() {
    String csv =
        "井盖编号,类别,纬度,经度,权属单位,地址\n"
            + String.format(
                "%s,0102,%.6f,%.6f,DRAINAGE,湖滨路1号\n", code(1), latitude(1), longitude(1));
    String location =
        as("admin1")
            .config(
                RestAssured.config()
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
            .contentType("text/csv")
            .queryParam("column.code", "井盖编号")
            .queryParam("column.categoryCode", "类别")
            .queryParam("column.latitude", "纬度")
            .queryParam("column.longitude", "经度")
            .queryParam("column.ownerDepartmentCode", "权属单位")
            .queryParam("column.address", "地址")
            .body(csv.getBytes(StandardCharsets.UTF_8))
            .post(IMPORTS)
            .then()
            .statusCode(202)
            .extract()
            .header("Location");

    JsonPath done = finished(location);

    assertThat(done.getString("state")).isEqualTo("DONE");
    assertThat(done.getLong("rowsStored")).isEqualTo(1);
    assertThat(asset(code(1))[2]).isEqualTo("DRAINAGE");
  }

  @Test
  void aMissingColumnIsNamedAsTheMappingNamesIt() {
    as("admin1")
        .config(
            RestAssured.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
        .contentType("text/csv")
        .queryParam("column.code", "井盖编号")
        .body(HEADER.getBytes(StandardCharsets.UTF_8))
        .post(IMPORTS)
        .then()
        .statusCode(400)
        .body("detail", containsString("井盖编号"));
  }

  @Test
  void reimportingMovesAnAssetAndChangesItsOwnerAndACodeTwiceInOneFileIsRejectedOnce() {
    String first = HEADER + csvRow(1) + csvRow(2);
    assertThat(finished(start("text/csv", bytes(first)).header("Location")).getLong("rowsStored"))
        .isEqualTo(2);

    String moved =
        HEADER
            + code(1)
            + ",0102,30.250000,120.100000,GAS,新地址\n"
            + csvRow(2)
            + code(1)
            + ",0102,30.260000,120.110000,WATER,又一个\n";
    JsonPath again = finished(start("text/csv; charset=utf-8", bytes(moved)).header("Location"));
    assertThat(again.getLong("rowsStored")).isEqualTo(2);
    assertThat(again.getList("rejected.line", Integer.class)).containsExactly(4);
    assertThat(again.getString("rejected[0].reason")).contains("duplicates the code");
    assertThat(asset(code(1))).containsExactly(30.25, 120.1, "GAS", "新地址");
    assertThat(assetsOfThisTest()).isEqualTo(2);
  }

  @Test
  void aFileThatIsNoAssetFileIsRefusedAndNothingStarts() {
    long imports = importsSoFar();
    start("text/csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a})
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:not-an-asset-file"))
        .body("detail", startsWith("the CSV header line must name the columns"));
    start("application/geo+json", bytes("{\"type\":\"Feature\"}"))
        .then()
        .statusCode(400)
        .body("detail", equalTo("the GeoJSON's type must be FeatureCollection"));
    start("text/csv", new byte[0]).then().statusCode(400);
    for (String type :
        List.of("application/json", "application/xml", "text/plain", "text/csv; charset=gbk")) {
      start(type, bytes(HEADER + csvRow(1))).then().statusCode(415);
    }
    assertThat(importsSoFar()).isEqualTo(imports);
    assertThat(assetsOfThisTest()).isZero();
  }

  @Test
  void onlyTheImportsTakeMoreThanAMegabyteAndOnlyUpToTheirOwnLimit() throws Exception {
    byte[] json = ("{\"x\":\"" + "a".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    for (String path : List.of(IMPORTS, DemoCity.ADMIN_PATH)) {
      as("admin1")
          .contentType("application/json")
          .body(json)
          .request(path.equals(IMPORTS) ? "POST" : "PUT", path)
          .then()
          .statusCode(413)
          .contentType("application/problem+json");
    }
    // Declared larger than 512 MB: refused before a byte of it is read.
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + IMPORTS
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
                  + "Authorization: Bearer "
                  + TestInfrastructure.shared().tokens().forUser("admin1")
                  + "\r\nContent-Length: "
                  + (513L * 1024 * 1024)
                  + "\r\n\r\n"
                  + HEADER)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[1024];
      int n;
      while (!answer.toString().endsWith("}") && (n = in.read(buffer)) > 0) {
        answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(answer.toString())
          .startsWith("HTTP/1.1 413")
          .contains("application/problem+json")
          .contains("may not exceed 536870912 bytes");
    }
  }

  private long importsSoFar() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery("SELECT count(*) FROM asset_import")
                            .getSingleResult())
                    .longValue());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
