package io.casegrid.supervision.bulletin;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weekly summary and monthly bulletin opened as documents. A month long past holds this run's
 * cases only (a good and a bad department of its own); the ladder's steps are taken when the bad
 * department's case is found overdue, now, so the current month's bulletin shows them.
 */
@QuarkusTest
class BulletinsTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final String RUN = Long.toHexString(System.nanoTime()).toUpperCase();
  private static final String GOOD = "BG-" + RUN;
  private static final String BAD = "BB-" + RUN;
  private static final String DISTRICT =
      String.valueOf(800_000 + ThreadLocalRandom.current().nextInt(100_000));
  private static final YearMonth MONTH =
      YearMonth.of(1950 + ThreadLocalRandom.current().nextInt(50), 5);
  private static boolean published;
  private static String late;
  private static String open;

  @BeforeEach
  void publishTheMonthOnce() {
    if (published) {
      return;
    }
    loadNamesPolicyAndLadder();
    try (TopicProbe kafka =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.DISPATCH_CASES)) {
      // The good department signs, fixes and closes its case within the 6 hours.
      String g1 = number();
      var good = dispatch(g1, GOOD, at(10, 0));
      send(kafka, good);
      send(kafka, new CaseSigned(good.caseId(), GOOD, "clerk", at(10, 10)));
      send(kafka, new CaseResolved(good.caseId(), GOOD, "已修复", "clerk", at(10, 60)));
      send(kafka, new CaseClosed(good.caseId(), GOOD, "inspector", at(10, 120)));
      // The bad one leaves one case open and closes the other a day late.
      open = number();
      send(kafka, dispatch(open, BAD, at(10, 0)));
      late = number();
      var closedLate = dispatch(late, BAD, at(11, 0));
      send(kafka, closedLate);
      send(kafka, new CaseClosed(closedLate.caseId(), BAD, "inspector", at(12, 0)));
    }
    published = true;
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                monthly(MONTH.toString(), "zh", "html").contains(late)
                    && monthly(MONTH.toString(), "zh", "html").contains("先进测试单位"));
  }

  @Test
  void theMonthlyBulletinOpensAsAPrintableChineseDocumentNamingTheBestAndTheWorst() {
    Response answer =
        as("leader1")
            .accept("text/html")
            .queryParam("month", MONTH.toString())
            .get("/api/bulletins/monthly");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/html");
    assertThat(answer.header("Content-Security-Policy")).contains("default-src 'none'");
    String html = answer.asString();
    assertThat(html)
        .contains("<html lang=\"zh-CN\">")
        .contains("<title>每月分析通报 " + MONTH + "</title>")
        .contains("@page")
        .contains("@media print");
    // Scored: good (all on time) 100; bad (1 of 2 due closed, none on time, no return)
    // (0.2 × 0.5 + 0.1 × 1) / 0.65 = 30.77. One each: the best is the good, the worst the bad.
    assertThat(section(html, "先进单位（综合得分最高）")).contains("<td>1</td><td>先进测试单位</td><td>100.00</td>");
    assertThat(section(html, "后进单位（综合得分最低）")).contains("<td>2</td><td>后进测试单位</td><td>30.77</td>");
    assertThat(section(html, "先进区县")).contains("测试区");
    // Due: the good case, the open one and the late one; closed 2, on time 1.
    assertThat(section(html, "总体情况"))
        .contains("<td>结案率</td><td>66.67%</td>")
        .contains("<td>按期结案率</td><td>33.33%</td>");
    // Both of the bad department's cases, the open one first (its deadline came first).
    String overdue = section(html, "超期案件");
    assertThat(overdue).contains(open, late).doesNotContain("先进测试单位");
    assertThat(overdue.indexOf(open)).isLessThan(overdue.indexOf(late));
    // Closed 18 h after its deadline (16:00 on the 11th to 10:00 on the 12th).
    assertThat(overdue).contains("<td>已结案</td><td>18.0</td>");
  }

  @Test
  void speaksEnglishWhenAskedAndEscapesWhatTheDataHolds() {
    String html = monthly(MONTH.toString(), "en", "html");
    assertThat(html)
        .contains("<html lang=\"en\">")
        .contains("Monthly analysis bulletin " + MONTH)
        .contains("Good test department")
        // The bad department's English name holds markup: shown as text.
        .contains("&lt;b&gt;Bad&lt;/b&gt; &amp; Co")
        .doesNotContain("<b>Bad</b>");
    // The link back to Chinese.
    assertThat(html).contains("href=\"?month=" + MONTH + "&amp;lang=zh&amp;format=html\"");
  }

  @Test
  void givesTheSameBulletinAsCsvForExcelWhenAskedForCsv() {
    Response answer =
        as("supervisor1")
            .accept("text/csv")
            .queryParam("month", MONTH.toString())
            .get("/api/bulletins/monthly");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/csv");
    assertThat(answer.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"casegrid-monthly-" + MONTH + ".csv\"");
    byte[] bytes = answer.asByteArray();
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String csv = new String(bytes, StandardCharsets.UTF_8);
    assertThat(csv)
        .contains("每月分析通报 " + MONTH + "\r\n")
        .contains("1,先进测试单位,100.00,100.00%,100.00%,—")
        .contains(late + ",后进测试单位,测试区,");
    // The format parameter, for a plain link, says the same.
    assertThat(monthly(MONTH.toString(), "zh", "csv")).contains("先进测试单位");
  }

  @Test
  void theWeeklySummaryCoversTheIsoWeek() {
    var tenth = MONTH.atDay(10);
    String week =
        String.format(
            "%d-W%02d",
            tenth.get(IsoFields.WEEK_BASED_YEAR), tenth.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    String html =
        as("admin1")
            .queryParam("week", week)
            .get("/api/bulletins/weekly")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(html).contains("每周督导汇总 " + week).contains("先进测试单位");
    as("leader1")
        .queryParam("week", "2027-W53")
        .get("/api/bulletins/weekly")
        .then()
        .statusCode(400);
  }

  @Test
  void listsTheStepsOfTheLadderTakenInTheMonth() {
    // The open case was found overdue now: the bad department got its yellow card this month.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(section(monthly(null, "zh", "html"), "问责情况"))
                    .contains("<td>后进测试单位</td><td>黄牌警告</td>"));
  }

  // --- the data

  private static void loadNamesPolicyAndLadder() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "calendar": {
                "workingPeriods": [{"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:30"}],
                "weekend": ["SATURDAY", "SUNDAY"]
              },
              "deadlinePolicies": [
                {"categoryCode": "BU01", "urgency": "URGENT",
                 "sign": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 6, "unit": "NATURAL_HOURS"}}
              ],
              "escalationLadder": {"period": "MONTH", "rungs": [
                {"overdueCases": 1, "step": "YELLOW_CARD"},
                {"overdueCases": 2, "step": "ACCOUNTABILITY_NOTICE"}]},
              "departments": [
                {"code": "%s", "name": "先进测试单位", "nameEn": "Good test department"},
                {"code": "%s", "name": "后进测试单位", "nameEn": "<b>Bad</b> & Co"}
              ],
              "areas": [
                {"code": "%s", "level": "DISTRICT", "name": "测试区", "nameEn": "Test District",
                 "geometry": {"type": "Polygon",
                   "coordinates": [[[120.0, 30.0], [120.1, 30.0], [120.1, 30.1], [120.0, 30.0]]]}}
              ]
            }
            """
                .formatted(GOOD, BAD, DISTRICT))
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  private static String number() {
    return "19" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
  }

  // A day of the month, 10:00 in Shanghai, plus minutes.
  private static Instant at(int day, int minutes) {
    return LocalDateTime.of(MONTH.getYear(), MONTH.getMonth(), day, 10, 0)
        .plusMinutes(minutes)
        .atZone(SHANGHAI)
        .toInstant();
  }

  private static CaseDispatched dispatch(String number, String department, Instant at) {
    return new CaseDispatched(
        java.util.UUID.randomUUID(),
        number,
        department,
        RoutingBasis.ROUTING_CATALOGUE,
        "catalogue:BU01",
        "BU01",
        Urgency.URGENT,
        new Location(DISTRICT, DISTRICT + "001", DISTRICT + "001001", DISTRICT + "001001001"),
        at.minusSeconds(600),
        at,
        List.of());
  }

  private static void send(TopicProbe kafka, CaseEvent event) {
    kafka.send(
        Topics.DISPATCH_CASES,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.DISPATCH_SOURCE, Instant.now())));
  }

  // --- reading

  private static String monthly(String month, String lang, String format) {
    var request = as("leader1").queryParam("lang", lang).queryParam("format", format);
    if (month != null) {
      request = request.queryParam("month", month);
    }
    return request.get("/api/bulletins/monthly").then().statusCode(200).extract().asString();
  }

  // The HTML from a section's heading to the next section.
  private static String section(String html, String heading) {
    int start = html.indexOf("<h2>" + heading);
    assertThat(start).as("a section " + heading).isNotNegative();
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }
}
