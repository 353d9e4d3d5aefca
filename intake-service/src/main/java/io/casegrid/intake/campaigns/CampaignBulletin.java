package io.casegrid.intake.campaigns;

import io.casegrid.kit.bulletin.Csv;
import io.casegrid.kit.bulletin.Document;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A campaign's weekly bulletin (专项整治每周督导汇总) in the bulletins' format — the same document as HTML to
 * print and as CSV — with the whole campaign's figures, each responsible party's, and the
 * departments behind schedule named with why.
 */
@ApplicationScoped
public class CampaignBulletin {

  private static final List<String> COLUMNS =
      List.of("责任单位", "在册", "已排查", "排查率", "发现问题", "已整改", "整改率", "整改超期", "盲点");

  private final Template bulletin;

  CampaignBulletin(Template bulletin) {
    this.bulletin = bulletin;
  }

  /** The bulletin as a document. */
  public Document document(CampaignReading.Report report) {
    Campaign campaign = report.campaign();
    CampaignPeriod period = campaign.period();
    List<List<String>> parties = new ArrayList<>();
    List<List<String>> behind = new ArrayList<>();
    for (CampaignReading.Group g : report.groups()) {
      parties.add(row(g.name(), g.progress()));
      if (g.behindSchedule()) {
        behind.add(List.of(g.name(), reasons(g.progress(), report.expectedInspectedShare())));
      }
    }
    return new Document(
        "zh-CN",
        "专项整治周报：" + campaign.name(),
        List.of(
            "排查期 " + period.startsOn() + " – " + period.inspectBy(),
            "整改期限 " + period.rectifyBy() + "（" + period.rectificationWorkingDays() + "个工作日）",
            "截至 " + report.asOf(),
            "应排查进度 " + percent(report.expectedInspectedShare())),
        "",
        "",
        List.of(
            new Document.Section("总体进度", COLUMNS, List.of(row("全部", report.total())), null),
            new Document.Section("各责任单位进度", COLUMNS, parties, null),
            new Document.Section(
                "进度滞后单位", List.of("责任单位", "原因"), behind, behind.isEmpty() ? "无进度滞后单位" : null)));
  }

  /** The bulletin as a printable HTML page. */
  public byte[] html(CampaignReading.Report report) {
    return bulletin.data("doc", document(report)).render().getBytes(StandardCharsets.UTF_8);
  }

  /** The bulletin as CSV. */
  public byte[] csv(CampaignReading.Report report) {
    return Csv.of(document(report));
  }

  private static List<String> row(String name, Progress p) {
    return List.of(
        name,
        Long.toString(p.inScope()),
        Long.toString(p.inspected()),
        percent(p.inspectedShare()),
        Long.toString(p.defects()),
        Long.toString(p.rectified()),
        percent(p.rectifiedShare()),
        Long.toString(p.overdue()),
        Long.toString(p.blindSpots()));
  }

  private static String reasons(Progress p, double expected) {
    List<String> why = new ArrayList<>();
    if (p.inspectedShare() + 1e-9 < expected) {
      why.add("排查率" + percent(p.inspectedShare()) + "，低于应排查进度" + percent(expected));
    }
    if (p.overdue() > 0) {
      why.add(p.overdue() + "处问题整改超期");
    }
    return String.join("；", why);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
