package io.casegrid.dispatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.dispatch.cases.Action;
import io.casegrid.dispatch.cases.CaseState;
import io.casegrid.events.RequestKind;
import io.casegrid.kit.attachment.Attachments;
import io.casegrid.kit.console.ConsoleTexts;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchConsoleTextsTest {

  @Test
  void everyTextOfDispatchsConsolesIsThereInChineseAndInEnglish() {
    for (String language : ConsoleTexts.LANGUAGES) {
      assertThat(ConsoleTexts.missingKeys("dispatch", language)).as(language).isEmpty();
    }
  }

  @Test
  void everyStateActionRequestAndPhotoACaseCanHaveHasAName() {
    for (String language : ConsoleTexts.LANGUAGES) {
      var texts = ConsoleTexts.of("dispatch", language);
      Arrays.stream(CaseState.values()).forEach(s -> assertThat(texts).containsKey("state." + s));
      Arrays.stream(Action.values()).forEach(a -> assertThat(texts).containsKey("action." + a));
      // Routing's, co-handling's, supervision orders' and merges' entries are not an Action.
      List.of(
              "DISPATCH",
              "CO_HANDLING_REPORT",
              "ANSWER_SUPERVISION_ORDER",
              "MERGE",
              "DUPLICATE_JOINED")
          .forEach(a -> assertThat(texts).containsKey("action." + a));
      Arrays.stream(RequestKind.values())
          .forEach(k -> assertThat(texts).containsKey("requestKind." + k));
      Arrays.stream(Attachments.Purpose.values())
          .forEach(p -> assertThat(texts).containsKey("purpose." + p));
      List.of("NOT_OUR_ASSET", "NOT_OUR_AREA", "NOT_OUR_DUTY")
          .forEach(r -> assertThat(texts).containsKey("returnReason." + r));
    }
  }
}
