package io.casegrid.intake.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.intake.campaigns.CampaignsConfig;
import io.casegrid.kit.console.ConsoleTexts;
import io.smallrye.config.WithDefault;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The inspectors' campaign page has a text, in Chinese and English, for everything it shows. */
class InspectionConsoleTextsTest {

  @Test
  void everyTextOfTheInspectionPageIsThereInChineseAndInEnglish() {
    for (String language : ConsoleTexts.LANGUAGES) {
      assertThat(ConsoleTexts.missingKeys("campaigns", language)).as(language).isEmpty();
    }
  }

  @Test
  void everyDefectKindACampaignListsUnlessToldOtherwiseHasAName() throws Exception {
    String defaults =
        CampaignsConfig.class.getMethod("defectKinds").getAnnotation(WithDefault.class).value();
    for (String language : ConsoleTexts.LANGUAGES) {
      var texts = ConsoleTexts.of("campaigns", language);
      Arrays.stream(defaults.split(","))
          .forEach(kind -> assertThat(texts).containsKey("defectKind." + kind));
    }
  }

  @Test
  void everyTextThePagesScriptAsksForIsThere() throws Exception {
    String script;
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/resources/console-assets/intake/campaigns.js")) {
      script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // t('key') and t('key', {...}) with a literal key; keys built from data are checked above.
    Matcher asked = Pattern.compile("\\bt\\('([A-Za-z.-]*[A-Za-z])'").matcher(script);
    var texts = ConsoleTexts.of("campaigns", "zh-CN");
    int found = 0;
    while (asked.find()) {
      found++;
      assertThat(texts).as("text of the script").containsKey(asked.group(1));
    }
    assertThat(found).isGreaterThan(20);
  }
}
