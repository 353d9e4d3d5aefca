package io.casegrid.kit.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void writesUtf8WithAByteOrderMarkSectionsSeparatedByEmptyLines() {
    Document doc =
        new Document(
            "zh-CN",
            "每月分析通报 2026-10",
            List.of("统计期间: 2026-10-01 – 2026-10-31"),
            "English",
            "?month=2026-10&lang=en",
            List.of(
                new Document.Section(
                    "先进单位", List.of("名次", "单位"), List.of(List.of("1", "示范市自来水公司")), null),
                new Document.Section("问责情况", List.of("时间"), List.of(), "无")));
    byte[] csv = Csv.of(doc);
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(csv, StandardCharsets.UTF_8))
        .isEqualTo(
            "\uFEFF每月分析通报 2026-10\r\n统计期间: 2026-10-01 – 2026-10-31\r\n\r\n"
                + "先进单位\r\n名次,单位\r\n1,示范市自来水公司\r\n\r\n问责情况\r\n时间\r\n无\r\n");
  }

  @Test
  void quotesCellsWithCommasQuotesAndLineBreaks() {
    assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void keepsASpreadsheetFromTakingANameForAFormulaButLeavesNumbersAlone() {
    assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(Csv.cell("+1-2")).isEqualTo("'+1-2");
    assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.cell("-12.5")).isEqualTo("-12.5");
    assertThat(Csv.cell("97.50%")).isEqualTo("97.50%");
  }
}
