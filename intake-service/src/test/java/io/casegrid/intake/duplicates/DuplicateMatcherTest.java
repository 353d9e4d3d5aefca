package io.casegrid.intake.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.casegrid.intake.duplicates.DuplicateMatcher.Candidate;
import io.casegrid.intake.duplicates.DuplicateMatcher.Match;
import io.casegrid.intake.duplicates.DuplicateMatcher.Place;
import io.casegrid.intake.duplicates.DuplicateMatcher.Report;
import io.casegrid.intake.duplicates.DuplicateMatcher.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateMatcherTest {

  private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
  private static final Place CROSSING = new Place(30.215, 120.0865);
  private static final Window HUNDRED_METRES_THREE_DAYS = new Window(100, Duration.ofHours(72));

  // One metre north is 1/111195 of a degree of latitude on the mean Earth radius.
  private static Place north(Place from, double metres) {
    return new Place(from.latitude() + metres / 111_195.08, from.longitude());
  }

  private static Place east(Place from, double metres) {
    return new Place(
        from.latitude(),
        from.longitude() + metres / (111_195.08 * Math.cos(Math.toRadians(from.latitude()))));
  }

  private static Candidate<String> open(String name, Place at, Duration ago) {
    return new Candidate<>(name, at, null, NOW.minus(ago));
  }

  private static List<String> matched(Report report, List<Candidate<String>> candidates) {
    return DuplicateMatcher.matches(report, candidates, HUNDRED_METRES_THREE_DAYS, 10).stream()
        .map(Match::item)
        .toList();
  }

  @Test
  void measuresTheDistanceBetweenTwoPlacesInMetres() {
    assertThat(DuplicateMatcher.distanceMetres(CROSSING, north(CROSSING, 80)))
        .isCloseTo(80, within(0.01));
    assertThat(DuplicateMatcher.distanceMetres(CROSSING, east(CROSSING, 80)))
        .isCloseTo(80, within(0.01));
    // 0.0476° north (5.29 km) and 0.0631° east at 30.27° north (6.06 km): 8.04 km apart.
    assertThat(
            DuplicateMatcher.distanceMetres(
                new Place(30.2431, 120.1497), new Place(30.2907, 120.2128)))
        .isCloseTo(8_040, within(50.0));
  }

  @Test
  void findsAnOpenCaseWithinTheRadiusAndWindow() {
    Report report = new Report(CROSSING, null, NOW);

    assertThat(
            matched(
                report,
                List.of(
                    open("near and recent", north(CROSSING, 60), Duration.ofHours(5)),
                    open("too far", north(CROSSING, 140), Duration.ofHours(5)),
                    open("too old", north(CROSSING, 10), Duration.ofHours(73)))))
        .containsExactly("near and recent");
  }

  @Test
  void takesTheRadiusAndWindowAsClosedBounds() {
    Report report = new Report(CROSSING, null, NOW);

    assertThat(
            matched(
                report,
                List.of(
                    open("at the radius", east(CROSSING, 100), Duration.ofHours(1)),
                    open("at the window", CROSSING, Duration.ofHours(72)))))
        .containsExactlyInAnyOrder("at the radius", "at the window");
  }

  @Test
  void ordersTheNearestFirstAndOfEquallyNearOnesTheNewest() {
    Report report = new Report(CROSSING, null, NOW);

    assertThat(
            matched(
                report,
                List.of(
                    open("50 m, a day ago", north(CROSSING, 50), Duration.ofDays(1)),
                    open("20 m, an hour ago", east(CROSSING, 20), Duration.ofHours(1)),
                    open("50 m, an hour ago", east(CROSSING, 50), Duration.ofHours(1)))))
        .containsExactly("20 m, an hour ago", "50 m, an hour ago", "50 m, a day ago");
  }

  @Test
  void tellsHowFarAndHowLongAgo() {
    Match<String> match =
        DuplicateMatcher.matches(
                new Report(CROSSING, null, NOW),
                List.of(open("it", north(CROSSING, 42.4), Duration.ofMinutes(90))),
                HUNDRED_METRES_THREE_DAYS,
                10)
            .get(0);

    assertThat(match.distanceMetres()).isEqualTo(42);
    assertThat(match.age()).isEqualTo(Duration.ofMinutes(90));
    assertThat(match.sameAsset()).isFalse();
  }

  @Test
  void matchesACaseAboutTheSameAssetWhereverItWasPlaced() {
    Report report = new Report(CROSSING, "3399010102000001", NOW);

    List<Match<String>> matches =
        DuplicateMatcher.matches(
            report,
            List.of(
                new Candidate<>(
                    "same cover, placed far",
                    north(CROSSING, 400),
                    "3399010102000001",
                    NOW.minusSeconds(60)),
                new Candidate<>(
                    "same cover, address only", null, "3399010102000001", NOW.minusSeconds(60)),
                new Candidate<>(
                    "other cover, placed far",
                    north(CROSSING, 400),
                    "3399010102000002",
                    NOW.minusSeconds(60))),
            HUNDRED_METRES_THREE_DAYS,
            10);

    assertThat(matches)
        .extracting(Match::item)
        .containsExactly("same cover, address only", "same cover, placed far");
    assertThat(matches).allMatch(Match::sameAsset);
  }

  @Test
  void neverMatchesACaseWithoutAPlaceOrTheSameAsset() {
    assertThat(
            matched(
                new Report(CROSSING, null, NOW),
                List.of(new Candidate<>("address only", null, null, NOW.minusSeconds(60)))))
        .isEmpty();
  }

  @Test
  void keepsToTheLimit() {
    List<Candidate<String>> many =
        java.util.stream.IntStream.range(0, 30)
            .mapToObj(i -> open("case " + i, north(CROSSING, i), Duration.ofMinutes(i)))
            .toList();

    assertThat(
            DuplicateMatcher.matches(
                new Report(CROSSING, null, NOW), many, HUNDRED_METRES_THREE_DAYS, 10))
        .hasSize(10)
        .extracting(Match::item)
        .startsWith("case 0", "case 1");
  }

  @Test
  void boxesEveryPlaceWithinTheRadius() {
    DuplicateMatcher.Box box = DuplicateMatcher.box(CROSSING, 100);

    for (Place p :
        List.of(
            north(CROSSING, 99.9),
            north(CROSSING, -99.9),
            east(CROSSING, 99.9),
            east(CROSSING, -99.9))) {
      assertThat(p.latitude()).isBetween(box.minLatitude(), box.maxLatitude());
      assertThat(p.longitude()).isBetween(box.minLongitude(), box.maxLongitude());
    }
    assertThat(north(CROSSING, 101).latitude()).isGreaterThan(box.maxLatitude());
    assertThat(east(CROSSING, 101).longitude()).isGreaterThan(box.maxLongitude());
  }
}
