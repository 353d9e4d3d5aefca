package io.casegrid.intake.campaigns;

import io.casegrid.kit.bulletin.Csv;
import io.casegrid.kit.bulletin.Document;
import io.casegrid.kit.config.CityConfig;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's weekly bulletin (专项整治每周督导汇总) in the bulletins' format — the same document as HTML to
 * print and as CSV — with the whole campaign's figures, each responsible party's, the departments
 * behind schedule named with why and the step of the escalation ladder (问责阶梯) supervision took, and
 * each overdue rectification with its supervision order (督办单), all on supervision's word.
 */
@ApplicationScoped
public class CampaignBulletin {

  private static final List<String> COLUMNS =
      List.of("责任单位", "在册", "已排查", "排查率", "发现问题", "已整改", "整改率", "整改超期", "盲点");
  // The steps of supervision's escalation ladder, as its own bulletins name them.
  private static final Map<String, String> STEPS =
      Map.of("YELLOW_CARD", "黄牌警告", "ACCOUNTABILITY_NOTICE", "追责通知", "LEADERSHIP_REPORT", "报告领导");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final String NONE = "—";

  private final Template bulletin;
  private final ZoneId zone;

  CampaignBulletin(Template bulletin, CityConfig city) {
    this.bulletin = bulletin;
    this.zone = city.zone();
  }

  /** The bulletin as a document, with the overdue rectifications listed. */
  public Document document(
      CampaignReading.Report report, List<CampaignReading.OverdueRectification> overdue) {
    Campaign campaign = report.campaign();
    CampaignPeriod period = campaign.period();
    List<List<String>> parties = new ArrayList<>();
    List<List<String>> behind = new ArrayList<>();
    for (CampaignReading.Group g : report.groups()) {
      parties.add(row(g.name(), g.progress()));
      if (g.behindSchedule()) {
        behind.add(
            List.of(
                g.name(),
                reasons(g.progress(), report.expectedInspectedShare()),
                Long.toString(g.supervisionOrders()),
                step(g.escalationStep())));
      }
    }
    List<List<String>> late = new ArrayList<>();
    for (CampaignReading.OverdueRectification o : overdue) {
      late.add(
          List.of(
              o.responsibleName(),
              o.assetCode(),
              o.defectKind(),
              minutes(o.dueAt()),
              minutes(o.overdueAt()),
              o.orderId() == null ? "未下发" : "答复期限 " + minutes(o.orderRespondBy()),
              step(o.escalationStep())));
    }
    long overdueCount = report.total().overdue();
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
                "进度滞后单位",
                List.of("责任单位", "原因", "督办单", "问责阶梯"),
                behind,
                behind.isEmpty() ? "无进度滞后单位" : null),
            new Document.Section(
                "整改超期明细",
                List.of("责任单位", "设施编码", "问题", "整改时限", "超期认定", "督办单", "问责阶梯"),
                late,
                late.isEmpty()
                    ? "无整改超期"
                    : late.size() < overdueCount
                        ? "另有 " + (overdueCount - late.size()) + " 处未列出"
                        : null)));
  }

  /** The bulletin as a printable HTML page. */
  public byte[] html(
      CampaignReading.Report report, List<CampaignReading.OverdueRectification> overdue) {
    return bulletin
        .data("doc", document(report, overdue))
        .render()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The bulletin as CSV. */
  public byte[] csv(
      CampaignReading.Report report, List<CampaignReading.OverdueRectification> overdue) {
    return Csv.of(document(report, overdue));
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

  private static String step(String step) {
    return step == null ? NONE : STEPS.getOrDefault(step, step);
  }

  private String minutes(Instant at) {
    return at == null ? NONE : MINUTES.format(at.atZone(zone));
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
