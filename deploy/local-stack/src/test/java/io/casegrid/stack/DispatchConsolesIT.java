package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.TestPhotos;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * A case the hotline filed goes through dispatch's consoles in a real browser (headless Chromium)
 * against the running system: the drainage company finds it in its workbench with its countdown,
 * signs for it and reports back with a photo; the hotline operator, who verifies citizens' cases,
 * passes it on a phone-sized screen; the dispatcher's console shows its queues. Screenshots of each
 * page go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatchConsolesIT {

  private static LocalStack system;
  private static String caseId;
  private static String caseNumber;
  private static ConsoleBrowser browser;

  @BeforeAll
  static void theHotlineFilesAComplaint() {
    system = RunningSystem.stack();
    SewerCovers.Filed filed =
        SewerCovers.filedAndDispatched("operator1", "HOTLINE", "湖滨路口污水井盖缺失（工作台测试）");
    caseId = filed.id();
    caseNumber = filed.number();
    assertThat(dispatchCase().getString("state")).isEqualTo("DISPATCHED");
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void theDepartmentFindsTheCaseInItsWorkbenchWithItsCountdown() {
    browser = ConsoleBrowser.open();
    browser.signIn(system.url("dispatch") + "/console/", "drainage1", "/console/workbench");

    WebElement row = caseRow();
    assertThat(row.findElement(org.openqa.selenium.By.cssSelector(".countdown")).getText())
        .containsAnyOf("剩", "超期");
    // The category by its name, the code small beside it.
    assertThat(row.getText()).contains("污水井盖 0102");
    assertThat(row.findElement(org.openqa.selenium.By.cssSelector(".code")).getText())
        .isEqualTo("0102");
    assertThat(browser.unlabelledFields()).isEmpty();
    browser.screenshot("11-department-workbench");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(2)
  void theCaseViewNamesCategoryPlaceAndDepartmentAndSaysTheRuleInWords() {
    openCase();

    assertThat(browser.find("#detail-facts dd[data-fact=category]").getText())
        .isEqualTo("污水井盖 0102");
    assertThat(browser.find("#detail-facts dd[data-fact=grid]").getText())
        .isEqualTo("东湖区湖滨街道桂花社区第1网格 339901001001001");
    assertThat(browser.find("#detail-facts dd[data-fact=department]").getText())
        .isEqualTo("示范市排水公司 DRAINAGE");
    assertThat(browser.find("#detail-timeline").getText())
        .contains("按全市“污水井盖”的派遣规则派往示范市排水公司")
        .doesNotContain("catalogue:");
    browser.screenshot("11b-case-view-names");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(2)
  void aProblemIsShownNextToTheFieldItConcerns() {
    openCase();
    browser.find("#return-panel > summary").click();
    browser.visible("#return-form button[type=submit]").click();

    browser.visible("#return-form .field-error");
    assertThat(browser.find("#return-reason").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(dispatchCase().getString("state")).isEqualTo("DISPATCHED");
    browser.screenshot("12-workbench-problem");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(3)
  void theDepartmentSignsForTheCaseAndReportsBackWithAPhoto() throws IOException {
    openCase();
    browser.visible("#sign-form button[type=submit]").click();
    browser.waitForText("#action-done", "已签收");
    assertThat(dispatchCase().getString("state")).isEqualTo("SIGNED");

    Path photo = Files.createTempFile("cover-", ".png");
    Files.write(photo, TestPhotos.png());
    browser.visible("#resolve-panel > summary").click();
    browser.visible("#resolve-result").sendKeys("已补装井盖并设置警示");
    browser.find("#resolve-photos").sendKeys(photo.toString());
    browser.find("#resolve-form button[type=submit]").click();

    browser.waitForText("#action-done", "已反馈");
    browser.visible("#detail-photos img");
    assertThat(browser.find("#detail-timeline").getText()).contains("签收", "处理反馈");
    JsonPath resolved = dispatchCase();
    assertThat(resolved.getString("state")).isEqualTo("RESOLVED");
    assertThat(resolved.getString("result")).isEqualTo("已补装井盖并设置警示");
    browser.screenshot("13-workbench-reported-back");
    assertThat(browser.lowContrastTexts()).isEmpty();
    Files.delete(photo);
  }

  @Test
  @Order(4)
  void theHotlineOperatorPassesTheRepairOnAPhoneSizedScreen() {
    browser.close();
    browser = ConsoleBrowser.open();
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    browser.signIn(system.url("dispatch") + "/console/", "operator1", "/console/verification");

    assertThat(caseRow().getText()).contains("污水井盖");
    caseRow().findElement(org.openqa.selenium.By.cssSelector("button.case-link")).click();
    browser.visible("#verify-form");
    assertThat(browser.find("#detail-facts dd[data-fact=grid]").getText())
        .startsWith("东湖区湖滨街道桂花社区第1网格");
    assertThat(browser.unlabelledFields()).isEmpty();
    browser.screenshot("14-verification-phone");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.find("input[name=passed][value=true]").click();
    browser.find("#verify-form button[type=submit]").click();

    browser.waitForText("#action-done", "核查已提交");
    assertThat(dispatchCase().getString("state")).isEqualTo("CLOSED");
  }

  @Test
  @Order(5)
  void theDispatcherSeesTheArbitrationQueueAndTheRequests() {
    browser.close();
    browser = ConsoleBrowser.open();
    browser.signIn(system.url("dispatch") + "/console/", "dispatcher1", "/console/dispatcher");

    // The counts appear once the page has read both queues.
    assertThat(browser.visible("#queue-summary").getText()).contains("件待派遣");
    browser.visible("#approvals-heading");
    browser.screenshot("15-dispatcher-console");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  private static WebElement caseRow() {
    return browser.visible("#case-rows tr[data-case-id='" + caseId + "']");
  }

  private static void openCase() {
    browser.get(system.url("dispatch") + "/console/workbench");
    caseRow().findElement(org.openqa.selenium.By.cssSelector("button.case-link")).click();
    browser.waitForText("#detail-number", caseNumber);
  }

  private static JsonPath dispatchCase() {
    return SewerCovers.inDispatch(caseId);
  }
}
