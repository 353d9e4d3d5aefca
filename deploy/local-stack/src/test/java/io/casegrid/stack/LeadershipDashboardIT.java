package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A leader opens the leadership dashboard in a real browser (headless Chromium) against the running
 * system, after a complaint was filed: the page shows the figures the metrics API gives, the grid
 * map coloured by cases, the rankings and the daily trend, and switches to English; once a case is
 * filed and closed, the month's and the day's figures on the page move by one; a campaign launched
 * is shown among the active campaigns with its progress until it ends. Screenshots go to
 * target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadershipDashboardIT {

  private static final String GRID = "339901001001001";
  private static final String COMPLAINT =
      """
      {"kind": "COMPLAINT", "channel": "HOTLINE", "categoryCode": "0102",
       "description": "井盖缺失", "position": {"latitude": 30.215, "longitude": 120.0865},
       "reporter": {"anonymous": true}}""";

  private static LocalStack system;
  private static ConsoleBrowser browser;
  private static String console;

  @BeforeAll
  static void fileAComplaintAndOpenTheBrowser() {
    system = RunningSystem.stack();
    long before = received();
    RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .contentType(ContentType.JSON)
        .body(COMPLAINT)
        .post("/api/cases")
        .then()
        .statusCode(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> received() > before);
    browser = ConsoleBrowser.open();
    console = system.url("supervision") + "/console/";
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void aLeaderLogsInAndSeesTheMonthsFiguresOfTheRunningSystem() {
    browser.signIn(console, "leader1", "/console/");

    browser.find("body[data-loaded]");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(console);
    assertThat(browser.find("#period-heading").getText()).isEqualTo("领导驾驶舱");
    JsonPath metrics = metrics();
    assertThat(browser.find("#received").getText())
        .isEqualTo(metrics.getString("total.counts.received"));
    assertThat(browser.find("#closed").getText())
        .isEqualTo(metrics.getString("total.counts.closed"));
    assertThat(browser.find("#overdue-now").getText())
        .isEqualTo(metrics.getString("total.overdueNow"));
    assertThat(browser.find("#rate-closure").getText()).matches("–|\\d+\\.\\d%");
    browser.screenshot("dashboard-01-leader");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(2)
  void theGridMapIsColouredByTheCasesOfEachGrid() {
    openDashboard();

    List<WebElement> grids = browser.all("#hotspot-map path.grid");
    long features =
        RunningSystem.as("leader1")
            .baseUri(system.url("supervision"))
            .get("/api/hotspots")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("features")
            .size();
    assertThat(grids).hasSize((int) features);
    WebElement filed = browser.find("#hotspot-map path[data-code='" + GRID + "']");
    assertThat(Integer.parseInt(filed.getDomAttribute("data-total"))).isPositive();
    assertThat(filed.getDomAttribute("class")).matches("grid heat-[1-5]");
    assertThat(browser.all("#hotspot-table tbody tr")).isNotEmpty();
  }

  @Test
  @Order(3)
  void theRankingsAndTheTrendAreTablesTooAndTheChartIsDrawn() {
    openDashboard();

    List<String> districts =
        RunningSystem.as("leader1")
            .baseUri(system.url("supervision"))
            .get("/api/rankings/districts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("places.key");
    assertThat(districts).isNotEmpty();
    assertThat(browser.all("#ranking-districts tbody tr"))
        .extracting(r -> r.getDomAttribute("data-key"))
        .containsExactlyElementsOf(districts);
    // Named as the reference data names them, not by code: whichever district the other system
    // tests' cases put first.
    assertThat(browser.find("#ranking-districts tbody tr td:nth-child(2)").getText())
        .isEqualTo(demoCityName(districts.get(0)));
    int today = LocalDate.now(ZoneId.of(metrics().getString("zone"))).getDayOfMonth();
    assertThat(browser.all("#trend-table tbody tr")).hasSize(today);
    assertThat(browser.all("#trend-chart svg path")).isNotEmpty();
    assertThat(browser.unlabelledFields()).isEmpty();
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(4)
  void theDashboardSwitchesToEnglish() {
    openDashboard();
    browser.find("[data-language=en]").click();
    browser.waitForText("#period-heading", "Leadership dashboard");
    browser.find("body[data-loaded]");
    browser.screenshot("dashboard-02-english");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.find("[data-language=zh-CN]").click();
    browser.waitForText("#period-heading", "领导驾驶舱");
  }

  @Test
  @Order(5)
  void thePageLoadsNothingFromAnywhereElse() {
    openDashboard();

    assertThat(browser.foreignResources()).isEmpty();
  }

  @Test
  @Order(6)
  void onceAnInspectorsReportIsHandledAndPassedTheFiguresMoveByOne() {
    Figures before = settledFigures();

    // The grid's own cases are the inspectors' to verify.
    String id =
        SewerCovers.filedAndDispatched("inspector1", "GRID_INSPECTOR", "湖滨路口污水井盖缺失（驾驶舱测试）").id();
    RunningSystem.handledAndPassed(id, "drainage1", "DRAINAGE", "已补装井盖", "inspector1");

    // Supervision projects the events as they come: the page shows them within moments.
    Figures expected =
        new Figures(
            before.received() + 1,
            before.closed() + 1,
            before.receivedToday() + 1,
            before.closedToday() + 1);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(shownFigures()).isEqualTo(expected));
    browser.screenshot("dashboard-03-figures-moved");
  }

  @Test
  @Order(7)
  void aLaunchedCampaignIsAmongTheActiveCampaignsWithItsProgressUntilItEnds() {
    LocalDate today = LocalDate.now(ZoneId.of(metrics().getString("zone")));
    String name = "东湖区污水井盖专项整治（驾驶舱测试）";
    RunningSystem.LaunchedCampaign launched =
        RunningSystem.launchCampaign(
            Map.of(
                "name", name,
                "scope",
                    Map.of(
                        "categoryCodes", List.of("0102"),
                        "areaCodes", List.of("339901"),
                        "registerAsOf", today.toString()),
                "period",
                    Map.of(
                        "startsOn", today.minusDays(2).toString(),
                        "inspectBy", today.plusDays(10).toString(),
                        "rectifyBy", today.plusDays(40).toString(),
                        "rectificationWorkingDays", 10)));
    String campaign = launched.id();
    int inScope = launched.itemsInScope();
    List<String> covers =
        intake("supervisor1")
            .queryParam("size", 3)
            .get("/api/campaigns/" + campaign + "/items")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("assetCode");
    Map<String, Object> standing = Map.of("latitude", 30.2025, "longitude", 120.1021);
    for (String cover : covers.subList(0, 2)) {
      inspected(campaign, cover, Map.of("condition", "OK", "position", standing));
    }
    inspected(
        campaign,
        covers.get(2),
        Map.of(
            "condition",
            "DEFECT",
            "defectKind",
            "BROKEN",
            "photos",
            List.of("https://photos.example.org/dashboard/cover.jpg"),
            "position",
            standing));

    // Intake reports the progress (every 30 s when it changed), supervision projects it.
    String row = "#campaigns-table tbody tr[data-key='" + campaign + "']";
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(5))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              openDashboard();
              assertThat(cells(row))
                  .containsExactly(
                      name,
                      today.minusDays(2) + " – " + today.plusDays(40),
                      today.plusDays(10).toString(),
                      "10 个工作日内，最迟 " + today.plusDays(40),
                      String.valueOf(inScope),
                      "3 (" + String.format(Locale.ROOT, "%.1f%%", 300.0 / inScope) + ")",
                      "1",
                      "0",
                      "0",
                      "未到时限");
            });
    JsonPath total =
        intake("supervisor1")
            .get("/api/campaigns/" + campaign + "/progress?groupBy=OWNER")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .setRootPath("total");
    assertThat(List.of(total.getInt("inScope"), total.getInt("inspected"), total.getInt("defects")))
        .containsExactly(inScope, 3, 1);
    browser.screenshot("dashboard-04-active-campaign");

    intake("supervisor1").post("/api/campaigns/" + campaign + "/end").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(3))
        .untilAsserted(
            () -> {
              openDashboard();
              assertThat(browser.all(row)).isEmpty();
            });
  }

  private static io.restassured.specification.RequestSpecification intake(String user) {
    return RunningSystem.as(user).baseUri(system.url("intake")).contentType(ContentType.JSON);
  }

  private static void inspected(String campaign, String cover, Map<String, Object> result) {
    intake("inspector1")
        .body(result)
        .post("/api/campaigns/" + campaign + "/items/" + cover + "/result")
        .then()
        .statusCode(201);
  }

  /** The texts of a table row's cells, as the page shows them. */
  private static List<String> cells(String row) {
    return browser.find(row).findElements(By.tagName("td")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The month's received and closed cases and today's, as the page shows them. */
  private record Figures(int received, int closed, int receivedToday, int closedToday) {}

  private static Figures shownFigures() {
    openDashboard();
    String today = LocalDate.now(ZoneId.of(metrics().getString("zone"))).toString();
    // The trend's table is folded away: its text is read from the document, not the screen.
    WebElement day = browser.find("#trend-table tbody tr:last-child");
    List<WebElement> cells = day.findElements(By.tagName("td"));
    assertThat(cells.get(0).getDomProperty("textContent")).isEqualTo(today);
    return new Figures(
        Integer.parseInt(browser.find("#received").getText()),
        Integer.parseInt(browser.find("#closed").getText()),
        Integer.parseInt(cells.get(1).getDomProperty("textContent")),
        Integer.parseInt(cells.get(2).getDomProperty("textContent")));
  }

  /**
   * The figures once they stay the same from one look to the next: the cases of the tests before
   * may still be on their way to supervision's projection.
   */
  private static Figures settledFigures() {
    AtomicReference<Figures> last = new AtomicReference<>();
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () -> {
              Figures now = shownFigures();
              return now.equals(last.getAndSet(now)) ? now : null;
            },
            Objects::nonNull);
  }

  private static void openDashboard() {
    browser.get(console);
    browser.find("body[data-loaded]");
  }

  private static JsonPath metrics() {
    return RunningSystem.as("leader1")
        .baseUri(system.url("supervision"))
        .queryParam("period", "month")
        .get("/api/metrics")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static long received() {
    return metrics().getLong("total.counts.received");
  }

  /** The name the demo city's areas give {@code code}, as the stack loads them. */
  private static String demoCityName(String code) {
    try (InputStream areas =
        LeadershipDashboardIT.class.getResourceAsStream("/demo/city/areas.geojson")) {
      return JsonPath.from(areas)
          .getString("features.find { it.properties.code == '" + code + "' }.properties.name");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
