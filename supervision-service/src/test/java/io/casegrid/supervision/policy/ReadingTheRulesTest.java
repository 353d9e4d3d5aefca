package io.casegrid.supervision.policy;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.casegrid.embedded.DemoCity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an administrator loaded reads back as loaded — the policies, the calendar with its holidays
 * and make-up days, the ladder — and the deadline preview answers what the policy and the calendar
 * give a case filed at a moment.
 */
@QuarkusTest
class ReadingTheRulesTest {

  private String before;

  @BeforeEach
  void loadTheDemoCity() {
    before = LoadedRules.taken();
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("supervision"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
  }

  @AfterEach
  void putBackWhatWasLoaded() {
    LoadedRules.putBack(before);
  }

  @Test
  void thePoliciesReadBackWithTheirLimitsAndTheOrdersResponseLimit() {
    as("operator1")
        .get("/api/deadline-policies")
        .then()
        .statusCode(200)
        .body(
            "policies.find { it.categoryCode == '0102' && it.urgency == 'URGENT' }.resolve.amount",
            equalTo(6.0f))
        .body(
            "policies.find { it.categoryCode == null && it.urgency == 'NORMAL' }.resolve.unit",
            equalTo("WORKING_DAYS"))
        .body("supervisionOrderResponse.unit", equalTo("WORKING_DAYS"));
  }

  @Test
  void theCalendarOfAYearReadsBackWithItsHolidaysAndMakeUpDays() {
    as("drainage1")
        .queryParam("year", 2026)
        .get("/api/calendar")
        .then()
        .statusCode(200)
        .body("workingPeriods.size()", equalTo(2))
        .body("workingPeriods[0].start", startsWith("08:30"))
        .body("weekend", hasItems("SATURDAY", "SUNDAY"))
        .body("days.find { it.date == '2026-10-01' }.kind", equalTo("HOLIDAY"))
        .body("days.find { it.date == '2026-10-01' }.name", equalTo("国庆节"))
        .body("days.find { it.date == '2026-10-10' }.kind", equalTo("MAKE_UP_WORKDAY"));
    as("drainage1")
        .queryParam("year", 2031)
        .get("/api/calendar")
        .then()
        .body("days.size()", equalTo(0));
  }

  @Test
  void theLadderReadsBackWithItsPeriodAndRungs() {
    as("leader1")
        .get("/api/escalation-ladder")
        .then()
        .statusCode(200)
        .body("period", equalTo("MONTH"))
        .body("rungs.step", hasItem("LEADERSHIP_REPORT"));
  }

  @Test
  void aCoverFiledOnNationalDayIsDueSixNaturalHoursLaterHolidayOrNot() {
    preview("0102", "URGENT", "2026-10-01T10:00:00+08:00")
        .body("policy", equalTo("0102/URGENT"))
        .body("signDueAt", equalTo("2026-10-01T10:30:00+08:00"))
        .body("makeSafeDueAt", equalTo("2026-10-01T10:30:00+08:00"))
        .body("resolveDueAt", equalTo("2026-10-01T16:00:00+08:00"));
  }

  @Test
  void garbageFiledTheAfternoonBeforeTheGoldenWeekIsDueTheDayAfterIt() {
    // 2026-09-30 is a Wednesday; 1–7 October are holidays; the 8th is the next working day.
    preview("E0101", "NORMAL", "2026-09-30T16:00:00+08:00")
        .body("policy", equalTo("E0101/NORMAL"))
        .body("signDueAt", equalTo("2026-09-30T17:00:00+08:00"))
        .body("makeSafeDueAt", nullValue())
        .body("resolveDueAt", equalTo("2026-10-08T16:00:00+08:00"));
  }

  @Test
  void aCategoryWithoutAPolicyOfItsOwnTakesTheDefaultOfItsUrgency() {
    preview("E0199", "NORMAL", "2026-11-23T09:00:00+08:00")
        .body("policy", equalTo("default/NORMAL"))
        .body("resolveDueAt", equalTo("2026-12-02T09:00:00+08:00"));
  }

  private static io.restassured.response.ValidatableResponse preview(
      String category, String urgency, String filedAt) {
    return as("admin1")
        .contentType(ContentType.JSON)
        .body(Map.of("categoryCode", category, "urgency", urgency, "filedAt", filedAt))
        .post("/api/deadline-preview")
        .then()
        .statusCode(200);
  }
}
