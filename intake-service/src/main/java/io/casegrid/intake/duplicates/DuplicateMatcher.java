package io.casegrid.intake.duplicates;

import io.casegrid.intake.location.Distances;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides which open cases a new report probably duplicates (重复件): of those already of its category
 * and open, the ones reported within the time window whose place lies within the radius of the new
 * report, or that name the same asset; the nearest first, and of equally near ones the newest.
 * Plain arithmetic on WGS-84 coordinates (haversine on the mean Earth radius), which is well within
 * a metre at the distances a duplicate lies.
 */
public final class DuplicateMatcher {

  /** A place in WGS-84 decimal degrees. */
  public record Place(double latitude, double longitude) {}

  /** The new report: where, which asset if named, and when. */
  public record Report(Place place, String assetCode, Instant at) {}

  /** Within which distance and time an open case is a likely duplicate. */
  public record Window(int radiusMetres, Duration within) {}

  /** An open case of the category: where (null: only an address), which asset, when. */
  public record Candidate<T>(T item, Place place, String assetCode, Instant reportedAt) {}

  /** A likely duplicate, how far away (whole metres) and how long ago it was reported. */
  public record Match<T>(T item, long distanceMetres, Duration age, boolean sameAsset) {}

  /** The latitude and longitude bounds of a square around a place, to preselect candidates. */
  public record Box(
      double minLatitude, double maxLatitude, double minLongitude, double maxLongitude) {}

  private DuplicateMatcher() {}

  /**
   * The likely duplicates among {@code candidates}, the nearest and newest first, at most limit.
   */
  public static <T> List<Match<T>> matches(
      Report report, List<Candidate<T>> candidates, Window window, int limit) {
    Instant since = report.at().minus(window.within());
    return candidates.stream()
        .filter(c -> !c.reportedAt().isBefore(since))
        .map(c -> match(report, c))
        .filter(m -> m.sameAsset() || m.distanceMetres() <= window.radiusMetres())
        .sorted(
            Comparator.comparingLong((Match<T> m) -> m.distanceMetres()).thenComparing(Match::age))
        .limit(limit)
        .toList();
  }

  /** The great-circle distance between two places, in metres. */
  public static double distanceMetres(Place a, Place b) {
    return Distances.metres(a.latitude(), a.longitude(), b.latitude(), b.longitude());
  }

  /**
   * A box that holds every place within {@code radiusMetres} of {@code centre} (and a little more),
   * for an index-friendly first selection; {@link #matches} then measures exactly.
   */
  public static Box box(Place centre, double radiusMetres) {
    Distances.Box box = Distances.box(centre.latitude(), centre.longitude(), radiusMetres);
    return new Box(box.minLatitude(), box.maxLatitude(), box.minLongitude(), box.maxLongitude());
  }

  private static <T> Match<T> match(Report report, Candidate<T> c) {
    boolean sameAsset =
        report.assetCode() != null && Objects.equals(report.assetCode(), c.assetCode());
    long distance =
        c.place() == null
            ? (sameAsset ? 0 : Long.MAX_VALUE)
            : Math.round(distanceMetres(report.place(), c.place()));
    Duration age = Duration.between(c.reportedAt(), report.at());
    return new Match<>(c.item(), distance, age.isNegative() ? Duration.ZERO : age, sameAsset);
  }
}
