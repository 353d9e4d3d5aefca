package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser's contrast check, which the console tests rely on, tells hard-to-read text from
 * readable text on a page made for it: no running system needed.
 */
class ContrastCheckIT {

  private static ConsoleBrowser browser;

  @BeforeAll
  static void openTheBrowser() {
    browser = ConsoleBrowser.open();
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void greyTextOnWhiteIsReportedAndDarkTextIsNot() {
    show(
        "<p id='pale' style='color:#999'>pale</p>"
            + "<p id='dark' style='color:#333'>dark</p>"
            + "<div style='background:#13294b'><span id='on-dark' style='color:#fff'>light</span></div>");

    assertThat(browser.lowContrastTexts())
        .singleElement()
        .asString()
        .startsWith("p#pale 'pale' #999999 on #ffffff: 2.85");
  }

  @Test
  void largeTextNeedsOnly3To1() {
    // #767676 has 4.54:1 on white, #949494 3.03:1.
    show(
        "<p id='large' style='color:#949494;font-size:24px'>large</p>"
            + "<p id='bold' style='color:#949494;font-size:19px;font-weight:700'>bold</p>"
            + "<p id='small' style='color:#949494;font-size:19px'>small</p>");

    assertThat(browser.lowContrastTexts()).singleElement().asString().startsWith("p#small");
  }

  @Test
  void aFadedButtonIsJudgedAsItIsPainted() {
    show(
        "<div style='background:#fff'><button id='faded' style='opacity:0.6;background:#0b57a4;"
            + "color:#fff;border:0'>faded</button>"
            + "<button id='clear' style='background:#0b57a4;color:#fff;border:0'>clear</button></div>"
            + "<p style='background:rgba(0,0,0,0.5)'><span id='veiled' style='color:#444'>veiled</span></p>");

    assertThat(browser.lowContrastTexts())
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).startsWith("button#faded"))
        .anySatisfy(t -> assertThat(t).startsWith("span#veiled"));
  }

  private static void show(String body) {
    browser.get(
        "data:text/html;charset=utf-8,"
            + URLEncoder.encode("<!DOCTYPE html><body>" + body + "</body>", StandardCharsets.UTF_8)
                .replace("+", "%20"));
  }
}
