package io.casegrid.intake.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.kit.bulletin.Csv;
import io.casegrid.kit.bulletin.Document;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignBulletinTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
  private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
  private final CampaignBulletin bulletin =
      new CampaignBulletin(null, () -> ZoneId.of("Asia/Shanghai"));

  private static CampaignReading.Report report(List<CampaignReading.Group> groups) {
    Campaign campaign =
        new Campaign(
            UUID.randomUUID(),
            "东湖区窨井盖专项整治",
            new CampaignScope(List.of("0101"), List.of("339901"), TODAY.minusDays(10)),
            new CampaignPeriod(TODAY.minusDays(9), TODAY.minusDays(1), TODAY.plusDays(30), 10),
            List.of("BROKEN"),
            Campaign.State.ACTIVE,
            Instant.parse("2026-11-28T01:00:00Z"),
            null);
    Progress total = new Progress("total", 0, 0, 0, 0, 0, 0);
    for (CampaignReading.Group g : groups) {
      total = total.plus(g.progress(), "total");
    }
    return new CampaignReading.Report(campaign, TODAY, 1.0, total, groups);
  }

  private static List<String> lines(Document document) {
    return new String(Csv.of(document), StandardCharsets.UTF_8).lines().toList();
  }

  private static CampaignReading.Group group(
      String name, Progress progress, boolean behind, long orders, String step) {
    return new CampaignReading.Group(name, progress, behind, orders, step);
  }

  // A defect of the water company's that supervision declared overdue, its order at a step.
  private static CampaignReading.OverdueRectification waterOverdue(
      String asset, String kind, String due, UUID order, String respondBy, String step) {
    Instant dueAt = due == null ? null : Instant.parse(due);
    return new CampaignReading.OverdueRectification(
        asset,
        "WATER",
        "上水公司",
        kind,
        UUID.randomUUID(),
        dueAt,
        dueAt == null ? Instant.parse("2026-12-04T10:00:05Z") : dueAt.plusSeconds(5),
        order,
        respondBy == null ? null : Instant.parse(respondBy),
        step);
  }

  @Test
  void namesTheDepartmentsBehindScheduleWithTheirOrdersAndLadderStepsOnSupervisionsWord() {
    CampaignReading.Group water =
        group("上水公司", new Progress("WATER", 10, 10, 2, 0, 2, 0), true, 2, "ACCOUNTABILITY_NOTICE");
    CampaignReading.Group heating =
        group("热力公司", new Progress("HEATING", 4, 4, 1, 1, 0, 0), false, 0, null);
    CampaignReading.Group gas = group("燃气公司", new Progress("GAS", 8, 6, 0, 0, 0, 2), true, 0, null);
    List<CampaignReading.OverdueRectification> overdue =
        List.of(
            waterOverdue(
                "3399010101000008",
                "BROKEN",
                "2026-12-04T10:00:00Z",
                ORDER,
                "2026-12-07T10:00:00Z",
                "ACCOUNTABILITY_NOTICE"),
            waterOverdue("3399010101000028", "MISSING", "2026-12-05T02:00:00Z", null, null, null));

    List<String> csv = lines(bulletin.document(report(List.of(water, heating, gas)), overdue));

    assertThat(csv).contains("全部,22,20,90.9%,3,1,33.3%,2,2");
    assertThat(csv).contains("上水公司,2处问题整改超期,2,追责通知").contains("燃气公司,排查率75.0%，低于应排查进度100.0%,0,—");
    assertThat(csv.stream().filter(l -> l.startsWith("热力公司,")))
        .containsExactly("热力公司,4,4,100.0%,1,1,100.0%,0,0");
    assertThat(csv)
        .contains(
            "上水公司,3399010101000008,BROKEN,2026-12-04 18:00,2026-12-04 18:00,"
                + "答复期限 2026-12-07 18:00,追责通知")
        .contains("上水公司,3399010101000028,MISSING,2026-12-05 10:00,2026-12-05 10:00,未下发,—");
  }

  @Test
  void saysSoWhenNoRectificationIsOverdueAndCountsThoseItDoesNotList() {
    CampaignReading.Group late =
        group("上水公司", new Progress("WATER", 10, 10, 3, 0, 3, 0), true, 3, "YELLOW_CARD");
    CampaignReading.Group onTime =
        group("上水公司", new Progress("WATER", 10, 10, 1, 1, 0, 0), false, 0, null);

    List<String> none = lines(bulletin.document(report(List.of(onTime)), List.of()));
    List<String> cut =
        lines(
            bulletin.document(
                report(List.of(late)),
                List.of(
                    waterOverdue(
                        "3399010101000008",
                        "BROKEN",
                        null,
                        ORDER,
                        "2026-12-07T10:00:00Z",
                        "YELLOW_CARD"))));

    assertThat(none).contains("无进度滞后单位").contains("无整改超期");
    assertThat(cut)
        .contains("上水公司,3处问题整改超期,3,黄牌警告")
        .contains("上水公司,3399010101000008,BROKEN,—,2026-12-04 18:00,答复期限 2026-12-07 18:00,黄牌警告")
        .contains("另有 2 处未列出");
  }
}
