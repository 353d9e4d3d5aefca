package io.casegrid.intake.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Satisfaction;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.kit.console.ConsoleTexts;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OperatorConsoleTextsTest {

  @Test
  void everyTextOfTheOperatorsConsoleIsThereInChineseAndInEnglish() {
    for (String language : ConsoleTexts.LANGUAGES) {
      assertThat(ConsoleTexts.missingKeys("intake", language)).as(language).isEmpty();
    }
  }

  @Test
  void everyStatusKindAndVerdictACaseCanHaveHasAName() {
    for (String language : ConsoleTexts.LANGUAGES) {
      var texts = ConsoleTexts.of("intake", language);
      Arrays.stream(CaseStatus.values()).forEach(s -> assertThat(texts).containsKey("status." + s));
      Arrays.stream(CaseKind.values()).forEach(k -> assertThat(texts).containsKey("kind." + k));
      Arrays.stream(Satisfaction.values())
          .forEach(s -> assertThat(texts).containsKey("satisfaction." + s));
    }
  }
}
