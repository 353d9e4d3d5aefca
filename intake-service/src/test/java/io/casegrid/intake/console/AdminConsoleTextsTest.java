package io.casegrid.intake.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.casegrid.citypackage.Diff;
import io.casegrid.citypackage.Edits;
import io.casegrid.citypackage.Parts;
import io.casegrid.citypackage.Vocabulary;
import io.casegrid.kit.console.ConsoleTexts;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The administrator's console has a text, in Chinese and English, for everything it can show. */
class AdminConsoleTextsTest {

  @Test
  void everyTextOfTheAdministratorsConsoleIsThereInChineseAndInEnglish() {
    for (String language : ConsoleTexts.LANGUAGES) {
      assertThat(ConsoleTexts.missingKeys("admin", language)).as(language).isEmpty();
    }
  }

  @Test
  void everyKindOfChangeStepUnitAndDayTheConsoleShowsHasAName() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Parts.Split nothing = new Parts.Split(f.objectNode(), f.objectNode(), f.objectNode());
    for (String language : ConsoleTexts.LANGUAGES) {
      var texts = ConsoleTexts.of("admin", language);
      // The diff lists every kind it compares, changed or not.
      Diff.between(nothing, nothing)
          .forEach(c -> assertThat(texts).containsKey("changeKind." + c.kind()));
      Stream.of(Edits.DayKind.values()).forEach(k -> assertThat(texts).containsKey("dayKind." + k));
      Arrays.stream(Vocabulary.DeadlineUnit.values())
          .forEach(u -> assertThat(texts).containsKey("unit." + u));
      Arrays.stream(Vocabulary.AccountabilityStep.values())
          .forEach(s -> assertThat(texts).containsKey("step." + s));
      Arrays.stream(Vocabulary.LadderPeriod.values())
          .forEach(p -> assertThat(texts).containsKey("period." + p));
      Arrays.stream(Vocabulary.DepartmentKind.values())
          .forEach(k -> assertThat(texts).containsKey("departmentKind." + k));
      Arrays.stream(Vocabulary.TerritorialOffice.values())
          .forEach(o -> assertThat(texts).containsKey("territorialOffice." + o));
    }
  }
}
