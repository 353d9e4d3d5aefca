package io.casegrid.stack;

import static io.casegrid.stack.SewerCovers.filedAndDispatched;
import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.stack.SewerCovers.Filed;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dispatcher's console and the workbench's parked cases in a real browser (headless Chromium)
 * against the running system: a case the drainage company returned, which routing would only send
 * back to it, waits for a dispatcher, who places it with the water company by hand; the dispatcher
 * approves the drainage company's request for an extension on one case and to park another; the
 * drainage company takes the parked case up again in its workbench. The departments' requests are
 * made through the API, as the workbench's forms are tested elsewhere. Screenshots go to
 * target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatcherConsoleIT {

  private static LocalStack system;
  private static ConsoleBrowser browser;
  private static Filed returned;
  private static Filed extended;
  private static Filed parked;
  private static String extensionRequest;
  private static OffsetDateTime extensionUntil;
  private static String parkingRequest;

  @BeforeAll
  static void theDrainageCompanyReturnsOneCaseAndAsksForApprovalOnTwo() {
    system = RunningSystem.stack();
    returned = filedAndDispatched("operator1", "HOTLINE", "雨水井盖缺失，排水公司认为非其管养（派遣员测试）");
    extended = filedAndDispatched("operator1", "HOTLINE", "污水井盖破损，需定制管材（派遣员测试）");
    parked = filedAndDispatched("operator1", "HOTLINE", "污水井周边道路待封闭施工（派遣员测试）");

    drainage(returned, "return", Map.of("reasonCode", "NOT_OUR_DUTY", "reason", "非本公司管养设施"));
    // Routing would place it with DRAINAGE again, which gave it back: it waits for a dispatcher.
    assertThat(dispatchCase(returned).getString("state")).isEqualTo("AWAITING_ARBITRATION");

    drainage(extended, "sign", Map.of());
    extensionUntil =
        OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(10).truncatedTo(ChronoUnit.SECONDS);
    extensionRequest =
        drainage(
                extended,
                "approval-requests",
                Map.of(
                    "kind", "EXTENSION", "reason", "管材定制需十天", "until", extensionUntil.toString()))
            .getString("id");
    drainage(parked, "sign", Map.of());
    parkingRequest =
        drainage(parked, "approval-requests", Map.of("kind", "PARKING", "reason", "待交警批准封路"))
            .getString("id");
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void theDispatcherPlacesTheReturnedCaseByHandAfterAProblemWithTheDepartmentsCode() {
    browser = ConsoleBrowser.open();
    browser.signIn(system.url("dispatch") + "/console/", "dispatcher1", "/console/dispatcher");
    browser.visible(row(returned) + " button.case-link").click();
    browser.waitForText("#detail-number", returned.number());

    browser.visible("#assign-department").sendKeys("NOPE");
    browser.find("#assign-reason").sendKeys("属供水管网设施");
    browser.find("#assign-form button[type=submit]").click();
    browser.visible("#assign-form .field-error");
    assertThat(browser.find("#assign-department").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(dispatchCase(returned).getString("state")).isEqualTo("AWAITING_ARBITRATION");

    browser.find("#assign-department").clear();
    browser.find("#assign-department").sendKeys("WATER");
    browser.screenshot("16-dispatcher-arbitration");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.find("#assign-form button[type=submit]").click();

    browser.waitForText("#action-done", "已派遣");
    assertThat(browser.all(row(returned))).isEmpty();
    JsonPath placed = dispatchCase(returned);
    assertThat(placed.getString("state")).isEqualTo("DISPATCHED");
    assertThat(placed.getString("departmentCode")).isEqualTo("WATER");
    assertThat(placed.getString("basis")).isEqualTo("MANUAL");
    assertThat(placed.getString("ruleReference")).isEqualTo("dispatcher:dispatcher1");
    assertThat(timeline(returned).getList("findAll { it.action == 'ASSIGN' }.reason"))
        .containsExactly("属供水管网设施");
  }

  @Test
  @Order(2)
  void theDispatcherApprovesTheExtensionAndTheCaseIsDueOnTheNewDate() {
    approve(extensionRequest, extended, "同意延期，管材到货后立即施工");

    JsonPath c = dispatchCase(extended);
    assertThat(c.getString("state")).isEqualTo("SIGNED");
    assertThat(OffsetDateTime.parse(c.getString("extendedUntil")).toInstant())
        .isEqualTo(extensionUntil.toInstant());
    assertThat(timeline(extended).getList("findAll { it.action == 'DECIDE' }.reason"))
        .containsExactly("EXTENSION approved: 同意延期，管材到货后立即施工");
  }

  @Test
  @Order(3)
  void theDispatcherApprovesParkingAndTheCaseIsParked() {
    approve(parkingRequest, parked, "同意挂账，封路批准后恢复");

    assertThat(dispatchCase(parked).getString("state")).isEqualTo("PARKED");
    assertThat(timeline(parked).getList("findAll { it.action == 'PARK' }.actor"))
        .containsExactly("dispatcher1");
  }

  @Test
  @Order(4)
  void theDrainageCompanyResumesTheParkedCaseInItsWorkbenchInEnglish() {
    browser.close();
    browser = ConsoleBrowser.open();
    browser.signIn(system.url("dispatch") + "/console/", "drainage1", "/console/workbench");
    // Parking stops the clock: no countdown runs on the case meanwhile.
    WebElement clock = browser.visible(row(parked) + " td[data-level]");
    assertThat(clock.getDomAttribute("data-level")).isEqualTo("paused");
    assertThat(clock.getText()).isEqualTo("挂账，计时暂停");
    openInWorkbench(parked);
    assertThat(browser.visible("#resume-form").getText()).contains("挂账", "恢复办理");
    assertThat(browser.find("#resolve-panel").isDisplayed()).isFalse();
    browser.screenshot("18-workbench-parked");
    assertThat(browser.lowContrastTexts()).isEmpty();

    browser.find("[data-language=en]").click();
    browser.waitForText("#queue-heading", "Our queue");
    openInWorkbench(parked);
    assertThat(browser.visible("#resume-form button[type=submit]").getText()).isEqualTo("Resume");
    browser.find("#resume-form button[type=submit]").click();

    browser.waitForText("#action-done", "Resumed");
    assertThat(browser.find("#detail-timeline").getText()).contains("Parked", "Resumed");
    browser.visible("#resolve-panel");
    assertThat(browser.find(row(parked) + " td[data-level]").getDomAttribute("data-level"))
        .isNotEqualTo("paused");
    assertThat(dispatchCase(parked).getString("state")).isEqualTo("SIGNED");
    assertThat(timeline(parked).getList("findAll { it.action == 'RESUME' }.actor"))
        .containsExactly("drainage1");
  }

  /** Approves the request on the case in the dispatcher's console, with a reason. */
  private static void approve(String requestId, Filed c, String reason) {
    browser.get(system.url("dispatch") + "/console/dispatcher");
    String request = "#approval-list li[data-request-id='" + requestId + "']";
    WebElement item = browser.visible(request);
    assertThat(item.getText()).contains(c.number(), "DRAINAGE");
    item.findElement(By.tagName("textarea")).sendKeys(reason);
    browser.screenshot("17-dispatcher-approval");
    assertThat(browser.lowContrastTexts()).isEmpty();
    item.findElement(By.cssSelector("button.primary")).click();

    browser.waitForText("#action-done", "已审批");
    assertThat(browser.all(request)).isEmpty();
  }

  private static void openInWorkbench(Filed c) {
    browser.visible(row(c) + " button.case-link").click();
    browser.waitForText("#detail-number", c.number());
  }

  private static String row(Filed c) {
    return "#case-rows tr[data-case-id='" + c.id() + "']";
  }

  /** The drainage company's command on the case, through the API. */
  private static JsonPath drainage(Filed c, String action, Map<String, ?> body) {
    return RunningSystem.as("drainage1")
        .baseUri(system.url("dispatch"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/departments/DRAINAGE/cases/" + c.id() + "/" + action)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath dispatchCase(Filed c) {
    return SewerCovers.inDispatch(c.id());
  }

  private static JsonPath timeline(Filed c) {
    return RunningSystem.as("dispatcher1")
        .baseUri(system.url("dispatch"))
        .get("/api/cases/" + c.id() + "/timeline")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
