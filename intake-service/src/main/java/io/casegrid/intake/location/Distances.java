package io.casegrid.intake.location;

/**
 * Distances on WGS-84 coordinates: haversine on the mean Earth radius, well within a metre at the
 * distances a duplicate report or a cover near a caller lies; and the box around a point that holds
 * every place within a radius, for an index-friendly first selection.
 */
public final class Distances {

  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  /** The latitude and longitude bounds of a square around a place. */
  public record Box(
      double minLatitude, double maxLatitude, double minLongitude, double maxLongitude) {}

  private Distances() {}

  /** The great-circle distance between two places, in metres. */
  public static double metres(
      double latitudeA, double longitudeA, double latitudeB, double longitudeB) {
    double lat1 = Math.toRadians(latitudeA);
    double lat2 = Math.toRadians(latitudeB);
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(longitudeB - longitudeA);
    double h =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** A box that holds every place within {@code radiusMetres} of the centre (and a little more). */
  public static Box box(double latitude, double longitude, double radiusMetres) {
    double dLat = Math.toDegrees(radiusMetres / EARTH_RADIUS_METRES);
    // Meridians converge towards the poles; no city lies within a degree of one.
    double cos = Math.max(Math.cos(Math.toRadians(latitude)), 0.01);
    double dLon = dLat / cos;
    return new Box(latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon);
  }
}
