package io.casegrid.kit.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleTextsTest {

  @Test
  void everyTextOfTheKitIsThereInChineseAndInEnglish() {
    for (String language : ConsoleTexts.LANGUAGES) {
      assertThat(ConsoleTexts.missingKeys(ConsoleTexts.KIT, language)).as(language).isEmpty();
    }
  }

  @Test
  void chineseIsTheDefaultAndAnUnknownChoiceFallsBackToIt() {
    assertThat(ConsoleTexts.language(null)).isEqualTo("zh-CN");
    assertThat(ConsoleTexts.language("<script>")).isEqualTo("zh-CN");
    assertThat(ConsoleTexts.language("en")).isEqualTo("en");
  }

  @Test
  void aServicesTextsComeWithTheKitsAndInTheChosenLanguage() {
    assertThat(ConsoleTexts.of(ConsoleTexts.KIT, "en")).containsEntry("logout", "Sign out");
    assertThat(ConsoleTexts.of(ConsoleTexts.KIT, "zh-CN")).containsEntry("logout", "退出登录");
  }
}
