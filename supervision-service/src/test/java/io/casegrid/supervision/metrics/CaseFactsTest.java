package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.Satisfaction;
import io.casegrid.supervision.metrics.CaseFacts.Return;
import io.casegrid.supervision.metrics.CaseFacts.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseFactsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static Instant t(String utc) {
    return Instant.parse(utc);
  }

  /** A case as the tests change it; by default reported, dispatched and signed, not closed. */
  private static final class Case {
    String department = "WATER";
    String district = "339901";
    String street = "339901001";
    String grid = "339901001001001";
    String category = "0101";
    // Reported 2026-10-09 00:30 in Shanghai (still 10-08 in UTC), dispatched at 10:00, signed
    // 10:10 with 10:30 due, resolve due 2026-10-12 16:00.
    Instant reportedAt = t("2026-10-08T16:30:00Z");
    boolean closedAtFirstContact;
    Instant dispatchedAt = t("2026-10-09T02:00:00Z");
    Instant lastDispatchedAt;
    // Null: one dispatch, to the case's department, kept.
    List<CaseFacts.Dispatch> dispatches;
    boolean extended;
    boolean parked;
    int fixes;
    int reworks;
    Instant signedAt = t("2026-10-09T02:10:00Z");
    Instant signDueAt = t("2026-10-09T02:30:00Z");
    Instant resolveDueAt = t("2026-10-12T08:00:00Z");
    Instant closedAt;
    CaseFacts.Callback callback;

    Case closed(Instant at) {
      fixes++;
      closedAt = at;
      return this;
    }

    CaseFacts facts() {
      return new CaseFacts(
          department,
          district,
          street,
          grid,
          category,
          reportedAt,
          closedAtFirstContact,
          dispatchedAt,
          lastDispatchedAt,
          dispatches != null ? dispatches : List.of(dispatch(department, Return.NONE)),
          extended,
          parked,
          fixes,
          reworks,
          signedAt,
          signDueAt,
          resolveDueAt,
          closedAt,
          callback);
    }
  }

  private static CaseFacts.Dispatch dispatch(String department, Return returned) {
    return new CaseFacts.Dispatch(department, returned);
  }

  /** Only returns upheld and refused. */
  private static Counts returns(long upheld, long refused) {
    long[] n = new long[Counts.COLUMNS.size()];
    n[Counts.COLUMNS.indexOf("returns_upheld")] = upheld;
    n[Counts.COLUMNS.indexOf("returns_refused")] = refused;
    return Counts.of(n);
  }

  private static Row on(String day) {
    return new Row(LocalDate.parse(day), "WATER", "339901", "0101");
  }

  private static Counts counts(Map<Row, long[]> parts, String day) {
    long[] n = parts.get(on(day));
    return n == null ? Counts.NONE : Counts.of(n);
  }

  // The first fifteen counters (received … closed on time deferred), the callback ones zero.
  private static Counts counts(long... first) {
    return Counts.of(Arrays.copyOf(first, Counts.COLUMNS.size()));
  }

  @Test
  void countsTheReportOnTheDayInTheCitysZoneNotInUtc() {
    Map<Row, long[]> parts = new Case().facts().counters(SHANGHAI);
    assertThat(counts(parts, "2026-10-09").received()).isEqualTo(1);
    assertThat(parts).doesNotContainKey(on("2026-10-08"));
  }

  @Test
  void countsDispatchAndSigningOnTheirDaysAndAnOpenCaseAsDueOnItsDeadline() {
    Map<Row, long[]> parts = new Case().facts().counters(SHANGHAI);
    assertThat(counts(parts, "2026-10-09")).isEqualTo(counts(1, 1, 1, 0, 0, 0, 0, 0, 1, 1));
    assertThat(counts(parts, "2026-10-12"))
        .isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0));
  }

  @Test
  void countsACaseClosedInTimeAsDueAndClosedOnTheDayItClosed() {
    Map<Row, long[]> parts =
        new Case().closed(t("2026-10-11T01:00:00Z")).facts().counters(SHANGHAI);
    assertThat(counts(parts, "2026-10-11"))
        .isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0));
    assertThat(parts).doesNotContainKey(on("2026-10-12"));
    assertThat(counts(parts, "2026-10-09").reportedFixed()).isEqualTo(1);
  }

  @Test
  void countsACaseClosedLateAsDueOnItsDeadlineAndClosedButNotOnTime() {
    Map<Row, long[]> parts =
        new Case().closed(t("2026-10-13T01:00:00Z")).facts().counters(SHANGHAI);
    assertThat(counts(parts, "2026-10-12"))
        .isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0));
    assertThat(parts).doesNotContainKey(on("2026-10-13"));
  }

  @Test
  void countsASigningAfterItsLimitAsSignedButNotOnTime() {
    Case late = new Case();
    late.signedAt = t("2026-10-09T03:00:00Z");
    Counts day = counts(late.facts().counters(SHANGHAI), "2026-10-09");
    assertThat(day.signed()).isEqualTo(1);
    assertThat(day.signedOnTime()).isZero();
  }

  @Test
  void countsReturnsExtensionsAndReworkWithTheDayOfFirstDispatchAndDeferredCasesApart() {
    Case c = new Case();
    // Returned twice and sent back twice.
    c.dispatches =
        List.of(
            dispatch("WATER", Return.REFUSED),
            dispatch("WATER", Return.REFUSED),
            dispatch("WATER", Return.NONE));
    c.extended = true;
    c.fixes = 2;
    c.reworks = 1;
    c.signedAt = null;
    c.resolveDueAt = t("2026-10-20T08:00:00Z");
    c.closedAt = t("2026-10-19T08:00:00Z");
    Map<Row, long[]> parts = c.facts().counters(SHANGHAI);
    assertThat(counts(parts, "2026-10-09"))
        .isEqualTo(counts(1, 1, 3, 2, 1, 1, 2, 1).plus(returns(0, 2)));
    assertThat(counts(parts, "2026-10-19"))
        .isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1));
  }

  @Test
  void anOpenCaseWithoutADeadlineIsNeverDue() {
    Case c = new Case();
    c.department = null;
    c.district = null;
    c.category = "E0101";
    c.reportedAt = t("2026-10-09T02:00:00Z");
    c.dispatchedAt = null;
    c.dispatches = List.of();
    c.signedAt = null;
    c.signDueAt = null;
    c.resolveDueAt = null;
    assertThat(c.facts().counters(SHANGHAI))
        .containsOnlyKeys(new Row(LocalDate.parse("2026-10-09"), "", "", "E0101"));
  }

  @Test
  void countsACaseClosedOnTheCallAsResolvedAtFirstContactOnTheDayReported() {
    Case c = new Case();
    c.department = null;
    c.closedAtFirstContact = true;
    c.dispatchedAt = null;
    c.dispatches = List.of();
    c.signedAt = null;
    c.signDueAt = null;
    c.resolveDueAt = null;
    Map<Row, long[]> parts = c.facts().counters(SHANGHAI);
    Counts day = Counts.of(parts.get(new Row(LocalDate.parse("2026-10-09"), "", "339901", "0101")));
    assertThat(day.received()).isEqualTo(1);
    assertThat(day.firstContactResolved()).isEqualTo(1);
    assertThat(day.due()).isZero();
  }

  @Test
  void countsTheLatestCallbackOnItsDayWithWhatTheCitizenSaid() {
    Case c = new Case().closed(t("2026-10-11T01:00:00Z"));
    c.callback =
        new CaseFacts.Callback(
            t("2026-10-13T17:00:00Z"), true, true, Satisfaction.BASICALLY_SATISFIED);
    // 2026-10-14 01:00 in Shanghai.
    Counts day = counts(c.facts().counters(SHANGHAI), "2026-10-14");
    assertThat(day.called()).isEqualTo(1);
    assertThat(day.contacted()).isEqualTo(1);
    assertThat(day.callbackResolved()).isEqualTo(1);
    assertThat(day.satisfied()).isZero();
    assertThat(day.basicallySatisfied()).isEqualTo(1);
  }

  @Test
  void countsACitizenNotReachedAsCalledOnly() {
    Case c = new Case().closed(t("2026-10-11T01:00:00Z"));
    c.callback = new CaseFacts.Callback(t("2026-10-12T02:00:00Z"), false, null, null);
    assertThat(counts(c.facts().counters(SHANGHAI), "2026-10-12"))
        .isEqualTo(
            Counts.of(
                new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}));
  }

  @Test
  void timesSigningFromTheLatestDispatchAndClosingFromTheFirst() {
    Case c = new Case().closed(t("2026-10-11T01:00:00Z"));
    c.lastDispatchedAt = t("2026-10-09T02:05:00Z");
    // Signed 5 min after the latest dispatch; closed 47 h after the first.
    assertThat(c.facts().durations())
        .containsEntry(CaseFacts.Measure.SIGN, 300L)
        .containsEntry(CaseFacts.Measure.CLOSE, 47 * 3600L);
  }

  @Test
  void doesNotTimeASigningFromBeforeTheLatestDispatch() {
    // Signed by the department it was first dispatched to, returned and dispatched again.
    Case c = new Case();
    c.lastDispatchedAt = t("2026-10-09T05:00:00Z");
    assertThat(c.facts().durations()).doesNotContainKey(CaseFacts.Measure.SIGN);
  }

  @Test
  void putsEachDurationInTheHistogramsOfItsDistrictAndOfItsCategoryOnItsDay() {
    Map<Row, long[]> parts = new Case().facts().durationHistograms(SHANGHAI);
    // Signed 600 s after dispatch: bucket 16 + 8 × 5 + 1 = 57 ([576, 640)).
    long[] expected = new long[2 + 58];
    expected[0] = 1;
    expected[1] = 600;
    expected[2 + 57] = 1;
    LocalDate day = LocalDate.parse("2026-10-09");
    assertThat(parts)
        .containsOnlyKeys(
            new Row(day, "SIGN", "DISTRICT", "WATER", "339901"),
            new Row(day, "SIGN", "CATEGORY", "WATER", "0101"));
    assertThat(parts.get(new Row(day, "SIGN", "DISTRICT", "WATER", "339901"))).isEqualTo(expected);
  }

  @Test
  void countsAReportInItsGridForTheHotspotsAndACaseWithoutGridNowhere() {
    assertThat(new Case().facts().hotspots(SHANGHAI))
        .containsOnlyKeys(
            new Row(LocalDate.parse("2026-10-09"), "WATER", "339901001001001", "0101"));
    Case unlocated = new Case();
    unlocated.grid = null;
    assertThat(unlocated.facts().hotspots(SHANGHAI)).isEmpty();
  }

  @Test
  void countsACaseOnItsDaysInItsStreetsRowsOfAllAndOfItsDepartmentAndInItsGridsOfAll() {
    CaseFacts c = new Case().facts();
    Map<Row, long[]> parts = c.areaCounters(SHANGHAI);
    for (String day : new String[] {"2026-10-09", "2026-10-12"}) {
      long[] counted = c.counters(SHANGHAI).get(on(day));
      LocalDate d = LocalDate.parse(day);
      assertThat(parts.get(new Row(d, "STREET", "339901001", "", ""))).isEqualTo(counted);
      assertThat(parts.get(new Row(d, "STREET_DEPARTMENT", "339901001", "", "WATER")))
          .isEqualTo(counted);
      assertThat(parts.get(new Row(d, "GRID", "339901001", "339901001001001", "")))
          .isEqualTo(counted);
    }
    assertThat(parts).hasSize(6);
  }

  @Test
  void putsEachDurationInTheHistogramsOfItsStreetAndOfItsGrid() {
    Case unlocated = new Case();
    unlocated.grid = null;
    Map<Row, long[]> parts = unlocated.facts().areaDurationHistograms(SHANGHAI);
    LocalDate day = LocalDate.parse("2026-10-09");
    // The same histogram as its district's; a case without grid in the grid row ''.
    long[] district =
        unlocated
            .facts()
            .durationHistograms(SHANGHAI)
            .get(new Row(day, "SIGN", "DISTRICT", "WATER", "339901"));
    assertThat(parts)
        .containsOnlyKeys(
            new Row(day, "STREET", "339901001", "", "", "SIGN"),
            new Row(day, "STREET_DEPARTMENT", "339901001", "", "WATER", "SIGN"),
            new Row(day, "GRID", "339901001", "", "", "SIGN"));
    assertThat(parts.get(new Row(day, "GRID", "339901001", "", "", "SIGN"))).isEqualTo(district);
  }

  @Test
  void theDeltaOfACaseLocatedInAnotherGridMovesItWithinItsStreet() {
    Case moved = new Case();
    moved.grid = "339901001001002";
    Map<Row, long[]> delta =
        CaseFacts.delta(ProjectedTable.AREA_COUNTERS, new Case().facts(), moved.facts(), SHANGHAI);
    LocalDate day = LocalDate.parse("2026-10-09");
    // The street's rows do not change; the grid's move.
    assertThat(delta)
        .containsOnlyKeys(
            new Row(day, "GRID", "339901001", "339901001001001", ""),
            new Row(day, "GRID", "339901001", "339901001001002", ""),
            new Row(LocalDate.parse("2026-10-12"), "GRID", "339901001", "339901001001001", ""),
            new Row(LocalDate.parse("2026-10-12"), "GRID", "339901001", "339901001001002", ""));
    assertThat(
            Counts.of(delta.get(new Row(day, "GRID", "339901001", "339901001001002", "")))
                .received())
        .isEqualTo(1);
  }

  @Test
  void theDeltaOfAClosingMovesTheDueCaseFromItsDeadlineToTheDayItClosed() {
    Map<Row, long[]> delta =
        CaseFacts.delta(
            ProjectedTable.COUNTERS,
            new Case().facts(),
            new Case().closed(t("2026-10-11T01:00:00Z")).facts(),
            SHANGHAI);
    assertThat(delta).containsOnlyKeys(on("2026-10-09"), on("2026-10-11"), on("2026-10-12"));
    assertThat(Counts.of(delta.get(on("2026-10-12"))).due()).isEqualTo(-1);
    assertThat(Counts.of(delta.get(on("2026-10-11"))).closedOnTime()).isEqualTo(1);
    assertThat(Counts.of(delta.get(on("2026-10-09"))).reportedFixed()).isEqualTo(1);
  }

  @Test
  void theDeltaOfANewCaseIsAllItsContributionsAndOfNoChangeIsNothing() {
    CaseFacts c = new Case().facts();
    assertThat(CaseFacts.delta(ProjectedTable.COUNTERS, null, c, SHANGHAI)).hasSize(2);
    assertThat(CaseFacts.delta(ProjectedTable.DURATIONS, null, c, SHANGHAI)).hasSize(2);
    assertThat(CaseFacts.delta(ProjectedTable.HOTSPOTS, null, c, SHANGHAI)).hasSize(1);
    for (ProjectedTable table : ProjectedTable.values()) {
      assertThat(CaseFacts.delta(table, c, new Case().facts(), SHANGHAI)).isEmpty();
    }
  }

  @Test
  void theDeltaOfASlowerSigningTakesTheCaseOutOfOneBucketIntoAnother() {
    Case slower = new Case();
    slower.signedAt = t("2026-10-09T02:40:00Z");
    Map<Row, long[]> delta =
        CaseFacts.delta(ProjectedTable.DURATIONS, new Case().facts(), slower.facts(), SHANGHAI);
    long[] row =
        delta.get(new Row(LocalDate.parse("2026-10-09"), "SIGN", "DISTRICT", "WATER", "339901"));
    // 600 s (bucket 57) became 2400 s (bucket 16 + 8 × 7 + 1 = 73): the case count is unchanged.
    assertThat(row[0]).isZero();
    assertThat(row[1]).isEqualTo(1800);
    assertThat(row[2 + 57]).isEqualTo(-1);
    assertThat(row[2 + 73]).isEqualTo(1);
  }

  @Test
  void aRedispatchMovesTheCaseToItsNewDepartmentAndLeavesTheReturnWithTheReturner() {
    Case moved = new Case();
    moved.department = "DRAINAGE";
    moved.dispatches = List.of(dispatch("WATER", Return.UPHELD), dispatch("DRAINAGE", Return.NONE));
    moved.signedAt = null;
    moved.signDueAt = null;
    Map<Row, long[]> delta =
        CaseFacts.delta(ProjectedTable.COUNTERS, new Case().facts(), moved.facts(), SHANGHAI);
    Row drainage = new Row(LocalDate.parse("2026-10-09"), "DRAINAGE", "339901", "0101");
    assertThat(Counts.of(delta.get(drainage))).isEqualTo(counts(1, 1, 1));
    // WATER keeps its dispatch, now returned and upheld, and loses the rest of the case.
    assertThat(Counts.of(delta.get(on("2026-10-09"))))
        .isEqualTo(counts(-1, -1, 0, 1, 1, 0, 0, 0, -1, -1).plus(returns(1, 0)));
  }

  @Test
  void chargesEachDispatchAndItsReturnToTheDepartmentOfThatDispatch() {
    // WATER returned it and the dispatcher placed it with GAS (upheld); GAS returned it and was
    // sent it back (refused).
    Case c = new Case();
    c.department = "GAS";
    c.dispatches =
        List.of(
            dispatch("WATER", Return.UPHELD),
            dispatch("GAS", Return.REFUSED),
            dispatch("GAS", Return.NONE));
    Map<Row, long[]> parts = c.facts().counters(SHANGHAI);
    LocalDate day = LocalDate.parse("2026-10-09");
    assertThat(Counts.of(parts.get(new Row(day, "WATER", "339901", "0101"))))
        .isEqualTo(counts(0, 0, 1, 1, 1).plus(returns(1, 0)));
    assertThat(Counts.of(parts.get(new Row(day, "GAS", "339901", "0101"))))
        .isEqualTo(counts(1, 1, 2, 1, 1, 0, 0, 0, 1, 1).plus(returns(0, 1)));
    // Per street: the returner's dispatch in its own row, all three in the street's.
    Map<Row, long[]> streets = c.facts().areaCounters(SHANGHAI);
    assertThat(Counts.of(streets.get(new Row(day, "STREET_DEPARTMENT", "339901001", "", "WATER"))))
        .isEqualTo(counts(0, 0, 1, 1, 1).plus(returns(1, 0)));
    assertThat(Counts.of(streets.get(new Row(day, "STREET", "339901001", "", ""))))
        .isEqualTo(counts(1, 1, 3, 2, 2, 0, 0, 0, 1, 1).plus(returns(1, 1)));
  }

  @Test
  void keepsInstantsToTheMicrosecondAsTheDatabaseDoes() {
    Case c = new Case();
    c.signedAt = Instant.parse("2026-10-09T02:09:59.9999996Z");
    // Rounded up to 02:10:00 as PostgreSQL stores it: 600 s, not 599.
    assertThat(c.facts().signedAt()).isEqualTo(t("2026-10-09T02:10:00Z"));
    assertThat(c.facts().durations()).containsEntry(CaseFacts.Measure.SIGN, 600L);
  }

  @Test
  void sumsDaysIntoMonths() {
    Map<Row, long[]> days =
        Map.of(
            new Row(LocalDate.parse("2026-10-09"), "A"), new long[] {1, 2},
            new Row(LocalDate.parse("2026-10-30"), "A"), new long[] {3},
            new Row(LocalDate.parse("2026-11-01"), "A"), new long[] {5});
    assertThat(CaseFacts.monthly(days))
        .containsOnlyKeys(
            new Row(LocalDate.parse("2026-10-01"), "A"),
            new Row(LocalDate.parse("2026-11-01"), "A"));
    assertThat(CaseFacts.monthly(days).get(new Row(LocalDate.parse("2026-10-01"), "A")))
        .containsExactly(4, 2);
  }
}
