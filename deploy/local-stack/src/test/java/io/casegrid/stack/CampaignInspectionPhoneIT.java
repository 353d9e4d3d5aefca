package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.TestPhotos;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * A grid inspector works a manhole-cover campaign on a phone (a 360×740 screen, its position from
 * the device): the items nearest first, one found OK, one with a defect of one of the campaign's
 * kinds and a photo, one whose register names the wrong owner; a second phone that had the first
 * item open is told it has its result already; a cover the register lacks is refused without its
 * photo, the field named, and recorded with it. The ledger then holds exactly those three results,
 * and the defect is a case. Screenshots of each step go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignInspectionPhoneIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  // Where the inspector stands: at a gas cover of the third district.
  private static final double LATITUDE = 30.265332;
  private static final double LONGITUDE = 120.206587;
  // The campaign's own list of defect kinds: one the consoles have a name for, one they do not.
  private static final List<String> KINDS = List.of("MISSING", "BROKEN", "SUNKEN", "NOISY_LID");

  private static LocalStack system;
  private static ConsoleBrowser browser;
  private static String page;
  private static String campaign;
  private static List<Map<String, Object>> nearest;
  private static String firstPhone;
  private static String secondPhone;
  private static String ownerFound;

  @BeforeAll
  static void aCampaignIsUnderWayAndTheInspectorHasAPhone() {
    system = RunningSystem.stack();
    List<String> covers = new ArrayList<>();
    for (int c = 1; c <= 14; c++) {
      covers.add(String.format("01%02d", c));
    }
    campaign =
        RunningSystem.launchCampaign(
                Map.of(
                    "name",
                    "井盖专项排查（手机）",
                    "scope",
                    Map.of(
                        "categoryCodes",
                        covers,
                        "areaCodes",
                        List.of("339903"),
                        "registerAsOf",
                        TODAY.toString()),
                    "period",
                    Map.of(
                        "startsOn", TODAY.minusDays(3).toString(),
                        "inspectBy", TODAY.plusDays(20).toString(),
                        "rectifyBy", TODAY.plusDays(60).toString(),
                        "rectificationWorkingDays", 10),
                    "defectKinds",
                    KINDS))
            .id();
    // The items as the API orders them from where the inspector stands.
    nearest =
        intake("inspector1")
            .queryParam("latitude", LATITUDE)
            .queryParam("longitude", LONGITUDE)
            .queryParam("toInspect", "true")
            .queryParam("size", 20)
            .get("/api/campaigns/" + campaign + "/items")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(nearest).hasSizeGreaterThanOrEqualTo(3);
    String registered = (String) nearest.get(2).get("responsibleCode");
    ownerFound = "DRAINAGE".equals(registered) ? "WATER" : "DRAINAGE";
    browser = ConsoleBrowser.open();
    page = system.url("intake") + "/console/campaigns";
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static RequestSpecification intake(String user) {
    return RunningSystem.as(user).baseUri(system.url("intake")).contentType(ContentType.JSON);
  }

  private static String code(int index) {
    return (String) nearest.get(index).get("assetCode");
  }

  /** The current tab as the inspector's phone, standing where the inspector stands. */
  private static void phone() {
    browser.asPhone(360, 740);
    browser.standAt(system.url("intake"), LATITUDE, LONGITUDE);
  }

  /** The page with this campaign chosen and its items listed. */
  private static void listed() {
    browser.waitForText("#position-status", "本机定位");
    browser.visible("#campaign option[value='" + campaign + "']");
    Select choice = new Select(browser.find("#campaign"));
    if (!campaign.equals(choice.getFirstSelectedOption().getAttribute("value"))) {
      choice.selectByValue(campaign);
    }
    browser.visible("#items button.item[data-asset-code='" + code(0) + "']");
  }

  private static void open(String assetCode) {
    browser.visible("#items button.item[data-asset-code='" + assetCode + "']").click();
    browser.waitForText("#item-facts dd[data-fact=assetCode]", assetCode);
    browser.visible("#result-form");
  }

  private static void pageIsUsableOnAPhone() {
    assertThat(browser.unlabelledFields()).isEmpty();
    assertThat(browser.smallTouchTargets("#main", 44)).isEmpty();
    assertThat(browser.foreignResources()).isEmpty();
  }

  @Test
  @Order(1)
  void theInspectorSignsInOnAPhoneAndSeesTheNearestItemsFirst() {
    phone();
    browser.signIn(page, "inspector1", "/console/campaigns");
    firstPhone = browser.driver().getWindowHandle();
    listed();

    assertThat(browser.script("return window.innerWidth")).isEqualTo(360L);
    List<String> shown =
        browser.all("#items button.item").stream()
            .map(b -> b.getAttribute("data-asset-code"))
            .toList();
    assertThat(shown)
        .containsExactlyElementsOf(nearest.stream().map(i -> (String) i.get("assetCode")).toList());
    assertThat(browser.find("#items button.item").getText()).contains("0 米", "待排查");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
    pageIsUsableOnAPhone();
    browser.screenshot("campaign-01-nearest-items");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(2)
  void theNearestCoverIsFoundOk() {
    // A second phone has the same cover open and will try to record it later.
    browser.driver().switchTo().newWindow(WindowType.TAB);
    secondPhone = browser.driver().getWindowHandle();
    phone();
    browser.get(page);
    listed();
    open(code(0));
    browser.driver().switchTo().window(firstPhone);

    open(code(0));
    assertThat(browser.find("#item-facts dd[data-fact=stateFact]").getText()).isEqualTo("待排查");
    browser.find("#result-form input[name=condition][value=OK]").click();
    pageIsUsableOnAPhone();
    browser.screenshot("campaign-02-item-ok");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.find("#result-submit").click();

    browser.waitForText("#item-done", "已记录：正常");
    assertThat(browser.find("#item-facts dd[data-fact=stateFact]").getText()).isEqualTo("正常");
    assertThat(browser.find("#result-form").isDisplayed()).isFalse();
    browser.screenshot("campaign-03-item-ok-recorded");
  }

  @Test
  @Order(3)
  void theNextCoverIsBrokenAndPhotographed() throws IOException {
    browser.find("#item-back").click();
    open(code(1));
    browser.find("#result-form input[name=condition][value=DEFECT]").click();
    Select kind = new Select(browser.visible("#result-defect-kind"));
    // The kinds the campaign lists, named where the console knows them, else by their code.
    assertThat(kind.getOptions().stream().map(o -> o.getAttribute("value")).toList())
        .containsExactlyElementsOf(KINDS);
    assertThat(kind.getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("井盖缺失", "井盖破损", "井盖下沉", "NOISY_LID");
    kind.selectByValue("BROKEN");
    Path photo = Files.createTempFile("cover-", ".png");
    Files.write(photo, TestPhotos.png());
    browser.find("#result-photos").sendKeys(photo.toAbsolutePath().toString());
    browser.find("#result-note").sendKeys("井盖边角碎裂");
    pageIsUsableOnAPhone();
    browser.screenshot("campaign-04-item-defect");
    assertThat(browser.lowContrastTexts()).isEmpty();

    browser.find("#result-submit").click();

    browser.waitForText("#item-done", "已立案");
    assertThat(browser.find("#item-facts dd[data-fact=stateFact]").getText()).isEqualTo("有问题：井盖破损");
    browser.screenshot("campaign-05-item-defect-recorded");
    Files.delete(photo);
  }

  @Test
  @Order(4)
  void theThirdCoverBelongsToAnotherOwnerThanTheRegisterSays() {
    browser.find("#item-back").click();
    open(code(2));
    browser.find("#result-form input[name=condition][value=OK]").click();
    browser.find("#wrong-owner").click();
    new Select(browser.visible("#owner-found")).selectByValue(ownerFound);
    pageIsUsableOnAPhone();
    browser.screenshot("campaign-06-item-wrong-owner");
    assertThat(browser.lowContrastTexts()).isEmpty();

    browser.find("#result-submit").click();

    browser.waitForText("#item-done", "已记录");
    assertThat(browser.find("#item-facts dd[data-fact=ownerFoundFact]").getText()).isNotBlank();
    browser.screenshot("campaign-07-item-wrong-owner-recorded");
  }

  @Test
  @Order(5)
  void theSecondPhoneIsToldTheFirstCoverHasItsResultAlready() {
    browser.driver().switchTo().window(secondPhone);
    browser.find("#result-form input[name=condition][value=OK]").click();

    browser.find("#result-submit").click();

    browser.visible("#result-problem");
    browser.waitForText("#result-problem", "这个部件已经有排查结果");
    assertThat(browser.find("#result-problem").getText()).contains("inspector1");
    // Still the page, ready for the next item: no crash, the button usable again.
    assertThat(browser.find("#result-submit").isEnabled()).isTrue();
    assertThat(browser.find("#item-back").isDisplayed()).isTrue();
    browser.screenshot("campaign-08-second-result-refused");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.driver().close();
    browser.driver().switchTo().window(firstPhone);
  }

  @Test
  @Order(6)
  void aCoverTheRegisterLacksIsRecordedAfterTheServiceAsksForItsPhoto() throws IOException {
    browser.find("#item-back").click();
    browser.visible("#found-open").click();
    browser.visible("#found-form");
    assertThat(browser.find("#found-latitude").getAttribute("value"))
        .isEqualTo(String.valueOf(LATITUDE));
    new Select(browser.find("#found-category")).selectByValue("0111");
    browser.find("#found-form input[name=condition][value=DEFECT]").click();
    new Select(browser.visible("#found-defect-kind")).selectByValue("MISSING");

    browser.find("#found-submit").click();

    browser.waitForText("#found-problem", "有问题时至少要附一张照片");
    assertThat(browser.find("#found-photos").getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshot("campaign-09-found-cover-refused");
    assertThat(browser.lowContrastTexts()).isEmpty();
    Path photo = Files.createTempFile("found-", ".png");
    Files.write(photo, TestPhotos.png());
    browser.find("#found-photos").sendKeys(photo.toAbsolutePath().toString());

    browser.find("#found-submit").click();

    browser.waitForText("#found-done", "等待权属单位确认");
    browser.screenshot("campaign-10-found-cover-recorded");
    Files.delete(photo);
    assertThat(
            intake("supervisor1")
                .get("/api/campaigns/" + campaign)
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("foundAssetsPending"))
        .isEqualTo(1);
  }

  @Test
  @Order(7)
  void theLedgerHoldsExactlyThoseThreeResultsAndTheDefectIsACase() {
    List<Map<String, Object>> inspected =
        intake("supervisor1")
            .queryParam("size", 500)
            .get("/api/campaigns/" + campaign + "/items")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .<Map<String, Object>>getList("$")
            .stream()
            .filter(i -> i.get("inspectedAt") != null)
            .toList();
    assertThat(inspected)
        .extracting(i -> i.get("assetCode"))
        .containsExactlyInAnyOrder(code(0), code(1), code(2));
    Map<String, Map<String, Object>> byCode = new java.util.HashMap<>();
    inspected.forEach(i -> byCode.put((String) i.get("assetCode"), i));
    // Absent and null are the same to a reader of the JSON: get() answers null for both.
    Map<String, Object> ok = byCode.get(code(0));
    assertThat(ok).containsEntry("condition", "OK").containsEntry("inspectedBy", "inspector1");
    assertThat(ok.get("ownerFound")).isNull();
    assertThat(ok.get("caseId")).isNull();
    assertThat(byCode.get(code(1)))
        .containsEntry("condition", "DEFECT")
        .containsEntry("defectKind", "BROKEN");
    Map<String, Object> wrongOwner = byCode.get(code(2));
    assertThat(wrongOwner).containsEntry("condition", "OK").containsEntry("ownerFound", ownerFound);
    assertThat(wrongOwner.get("caseId")).isNull();
    JsonPath progress =
        intake("supervisor1")
            .get("/api/campaigns/" + campaign + "/progress")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(progress.getInt("total.inspected")).isEqualTo(3);
    assertThat(progress.getInt("total.defects")).isEqualTo(1);

    String caseId = (String) byCode.get(code(1)).get("caseId");
    JsonPath defect =
        intake("supervisor1")
            .get("/api/cases/" + caseId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(defect.getString("kind")).isEqualTo("DEFECT");
    assertThat(defect.getString("assetCode")).isEqualTo(code(1));
    assertThat(defect.getString("description")).contains("BROKEN", "井盖边角碎裂");
    // The photo taken on the phone is the case's, served under the link the result named.
    String link = defect.getString("mediaUrl");
    assertThat(link).contains("/api/campaigns/" + campaign + "/photos/");
    byte[] served =
        RunningSystem.as("supervisor1")
            .baseUri(system.url("intake"))
            .accept("image/png")
            .get(URI.create(link).getPath())
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(TestPhotos.png());
  }
}
