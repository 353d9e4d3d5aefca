package io.casegrid.intake.personal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers and resident ID numbers typed into free text, as people write them. */
class FreeTextMaskingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13900001111",
        "139 0000 1111",
        "139-0000-1111",
        "139.0000.1111",
        "139 - 0000 - 1111",
        "1390 000 1111",
        "1 3 9 0 0 0 0 1 1 1 1",
        "139\u30000000\u30001111",
        "+86 139 0000 1111",
        "+86-13900001111",
        "(+86)13900001111",
        "0086 13900001111",
        "8613900001111",
        "１３９００００１１１１",
        "１３９－００００－１１１１",
        "１３９．００００．１１１１",
        "一三九零零零零一一一一",
        "一三九〇〇〇〇一一一一",
        "幺三九零零零零幺幺幺幺",
        "壹叁玖零零零零壹壹壹壹",
        "一三九 零零零零 一一一一",
        "139零零零01111",
        "１３9-〇〇〇0-1111",
        "0571-88881234",
        "0571 8888 1234",
        "(0571)88881234",
        "（0571）8888-1234",
        "057188881234",
        "010-62345678",
        "020 8888 1234",
        "〇五七一 八八八八一二三四",
        "330106199003071234",
        "33010619900307123X",
        "33010619900307123x",
        "330106 19900307 123X",
        "３３０１０６１９９００３０７１２３４",
      })
  void masksEveryDigitOfAPhoneOrIdNumberWrittenAlone(String number) {
    String masked = FreeTextMasking.masked(number);

    assertThat(masked).isNotEqualTo(number);
    assertThat(masked.codePoints().filter(FreeTextMasking::isDigit)).isEmpty();
    assertThat(masked).doesNotContain("X", "x");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "请联系张先生13900001111，谢谢|请联系张先生***********，谢谢",
        "电话：139-0000-1111 或 0571-88881234|电话：***-****-**** 或 ****-********",
        "号码是一三九零零零零一一一一。|号码是***********。",
        "身份证330106199003071234，住3幢|身份证******************，住3幢",
        "两个号码13900001111/13900002222都打不通|两个号码***********/***********都打不通",
        "联系电话：8888 1234|联系电话：**** ****",
        "call me on 8888-1234 after six|call me on ****-**** after six",
        "+86 139 0000 1111|+** *** **** ****",
      })
  void masksTheNumbersInASentenceAndLeavesTheRest(String text, String expected) {
    assertThat(FreeTextMasking.masked(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "案卷202611230000012已派遣",
        "网格339901001001001内",
        "井盖3399020103000018缺失",
        "井盖编号 3301 0601 0200 0123",
        "2026-11-23 08:30 发现",
        "20261123",
        "2026年11月23日",
        "2026/11/23",
        "二〇二六年十一月二十三日",
        "打12345，或者110",
        "30.215000, 120.086500",
        "赔偿1500.00元",
        "东坡路12号3幢1201室",
        "类别0102和E0101",
        "12345678901",
        "一二三四五六七",
        "88881234",
        "营业时间08:30-17:30",
        "ISBN 978-7-111-12345-6",
        "",
      })
  void leavesCaseNumbersDatesCodesAndOtherNumbersAlone(String text) {
    assertThat(FreeTextMasking.masked(text)).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void takesNoTextAndEndlessRunsOfDigitsInItsStride() {
    assertThat(FreeTextMasking.masked(null)).isNull();
    String spaced = "1 ".repeat(2500);
    assertThat(FreeTextMasking.masked(spaced)).isEqualTo(spaced);
    String phones = "13900001111 ".repeat(400);
    assertThat(FreeTextMasking.masked(phones)).isEqualTo("*********** ".repeat(400));
  }
}
