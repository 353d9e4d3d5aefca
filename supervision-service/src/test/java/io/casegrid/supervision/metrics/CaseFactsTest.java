package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.supervision.metrics.CaseFacts.DayKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseFactsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static Instant t(String utc) {
    return Instant.parse(utc);
  }

  // Reported 2026-10-09 00:30 in Shanghai (still 10-08 in UTC), dispatched at 10:00, signed 10:10
  // with 10:30 due, resolve due 2026-10-12 16:00.
  private static CaseFacts open() {
    return new CaseFacts(
        "WATER",
        "339901",
        "0101",
        t("2026-10-08T16:30:00Z"),
        t("2026-10-09T02:00:00Z"),
        1,
        0,
        false,
        false,
        0,
        0,
        t("2026-10-09T02:10:00Z"),
        t("2026-10-09T02:30:00Z"),
        t("2026-10-12T08:00:00Z"),
        null);
  }

  private static CaseFacts closedAt(CaseFacts c, Instant at) {
    return new CaseFacts(
        c.departmentCode(),
        c.districtCode(),
        c.categoryCode(),
        c.reportedAt(),
        c.dispatchedAt(),
        c.dispatches(),
        c.returns(),
        c.extended(),
        c.parked(),
        c.fixes() + 1,
        c.reworks(),
        c.signedAt(),
        c.signDueAt(),
        c.resolveDueAt(),
        at);
  }

  private static DayKey on(String day) {
    return new DayKey(LocalDate.parse(day), "WATER", "339901", "0101");
  }

  private static Counts counts(Map<DayKey, long[]> parts, String day) {
    long[] n = parts.get(on(day));
    return n == null ? Counts.NONE : Counts.of(n);
  }

  @Test
  void countsTheReportOnTheDayInTheCitysZoneNotInUtc() {
    Map<DayKey, long[]> parts = open().contributions(SHANGHAI);
    assertThat(counts(parts, "2026-10-09").received()).isEqualTo(1);
    assertThat(parts).doesNotContainKey(on("2026-10-08"));
  }

  @Test
  void countsDispatchAndSigningOnTheirDaysAndAnOpenCaseAsDueOnItsDeadline() {
    Map<DayKey, long[]> parts = open().contributions(SHANGHAI);
    assertThat(counts(parts, "2026-10-09"))
        .isEqualTo(new Counts(1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0));
    assertThat(counts(parts, "2026-10-12"))
        .isEqualTo(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0));
  }

  @Test
  void countsACaseClosedInTimeAsDueAndClosedOnTheDayItClosed() {
    Map<DayKey, long[]> parts = closedAt(open(), t("2026-10-11T01:00:00Z")).contributions(SHANGHAI);
    assertThat(counts(parts, "2026-10-11"))
        .isEqualTo(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0));
    assertThat(parts).doesNotContainKey(on("2026-10-12"));
    assertThat(counts(parts, "2026-10-09").reportedFixed()).isEqualTo(1);
  }

  @Test
  void countsACaseClosedLateAsDueOnItsDeadlineAndClosedButNotOnTime() {
    Map<DayKey, long[]> parts = closedAt(open(), t("2026-10-13T01:00:00Z")).contributions(SHANGHAI);
    assertThat(counts(parts, "2026-10-12"))
        .isEqualTo(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0));
    assertThat(parts).doesNotContainKey(on("2026-10-13"));
  }

  @Test
  void countsASigningAfterItsLimitAsSignedButNotOnTime() {
    CaseFacts c = open();
    CaseFacts late =
        new CaseFacts(
            c.departmentCode(),
            c.districtCode(),
            c.categoryCode(),
            c.reportedAt(),
            c.dispatchedAt(),
            1,
            0,
            false,
            false,
            0,
            0,
            t("2026-10-09T03:00:00Z"),
            c.signDueAt(),
            c.resolveDueAt(),
            null);
    Counts day = counts(late.contributions(SHANGHAI), "2026-10-09");
    assertThat(day.signed()).isEqualTo(1);
    assertThat(day.signedOnTime()).isZero();
  }

  @Test
  void countsReturnsExtensionsAndReworkWithTheDayOfFirstDispatchAndDeferredCasesApart() {
    CaseFacts c =
        new CaseFacts(
            "WATER",
            "339901",
            "0101",
            t("2026-10-08T16:30:00Z"),
            t("2026-10-09T02:00:00Z"),
            3,
            2,
            true,
            false,
            2,
            1,
            null,
            null,
            t("2026-10-20T08:00:00Z"),
            t("2026-10-19T08:00:00Z"));
    Map<DayKey, long[]> parts = c.contributions(SHANGHAI);
    assertThat(counts(parts, "2026-10-09"))
        .isEqualTo(new Counts(1, 1, 3, 2, 1, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0));
    assertThat(counts(parts, "2026-10-19"))
        .isEqualTo(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1));
  }

  @Test
  void anOpenCaseWithoutADeadlineIsNeverDue() {
    CaseFacts c =
        new CaseFacts(
            null,
            null,
            "E0101",
            t("2026-10-09T02:00:00Z"),
            null,
            0,
            0,
            false,
            false,
            0,
            0,
            null,
            null,
            null,
            null);
    Map<DayKey, long[]> parts = c.contributions(SHANGHAI);
    assertThat(parts).containsOnlyKeys(new DayKey(LocalDate.parse("2026-10-09"), "", "", "E0101"));
  }

  @Test
  void theDeltaOfAClosingMovesTheDueCaseFromItsDeadlineToTheDayItClosed() {
    Map<DayKey, long[]> delta =
        CaseFacts.delta(open(), closedAt(open(), t("2026-10-11T01:00:00Z")), SHANGHAI);
    assertThat(delta).containsOnlyKeys(on("2026-10-09"), on("2026-10-11"), on("2026-10-12"));
    assertThat(Counts.of(delta.get(on("2026-10-12"))).due()).isEqualTo(-1);
    assertThat(Counts.of(delta.get(on("2026-10-11"))).closedOnTime()).isEqualTo(1);
    assertThat(Counts.of(delta.get(on("2026-10-09"))).reportedFixed()).isEqualTo(1);
  }

  @Test
  void theDeltaOfANewCaseIsAllItsContributionsAndOfNoChangeIsNothing() {
    assertThat(CaseFacts.delta(null, open(), SHANGHAI)).hasSize(2);
    assertThat(CaseFacts.delta(open(), open(), SHANGHAI)).isEmpty();
  }

  @Test
  void aRedispatchMovesTheCaseToItsNewDepartmentWholly() {
    CaseFacts c = open();
    CaseFacts moved =
        new CaseFacts(
            "DRAINAGE",
            c.districtCode(),
            c.categoryCode(),
            c.reportedAt(),
            c.dispatchedAt(),
            2,
            1,
            false,
            false,
            0,
            0,
            null,
            null,
            c.resolveDueAt(),
            null);
    Map<DayKey, long[]> delta = CaseFacts.delta(c, moved, SHANGHAI);
    DayKey drainage = new DayKey(LocalDate.parse("2026-10-09"), "DRAINAGE", "339901", "0101");
    assertThat(Counts.of(delta.get(drainage)))
        .isEqualTo(new Counts(1, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(Counts.of(delta.get(on("2026-10-09"))))
        .isEqualTo(new Counts(-1, -1, -1, 0, 0, 0, 0, 0, -1, -1, 0, 0, 0, 0, 0));
  }
}
