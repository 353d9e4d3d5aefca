package io.casegrid.citypackage.geo;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** Reads GeoJSON Polygon and MultiPolygon geometries (WGS-84, [longitude, latitude]). */
public final class GeoJson {

  public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private GeoJson() {}

  /** The geometry, or IllegalArgumentException saying what is wrong with it. */
  public static Geometry read(JsonNode geometry) {
    String type = geometry.path("type").asText();
    JsonNode coordinates = geometry.path("coordinates");
    Geometry result =
        switch (type) {
          case "Polygon" -> polygon(coordinates);
          case "MultiPolygon" -> {
            Polygon[] parts = new Polygon[coordinates.size()];
            for (int i = 0; i < parts.length; i++) {
              parts[i] = polygon(coordinates.get(i));
            }
            yield FACTORY.createMultiPolygon(parts);
          }
          default ->
              throw new IllegalArgumentException(
                  "geometry must be a GeoJSON Polygon or MultiPolygon, not '" + type + "'");
        };
    if (!result.isValid()) {
      throw new IllegalArgumentException("geometry is not a valid polygon");
    }
    return result;
  }

  private static Polygon polygon(JsonNode rings) {
    if (!rings.isArray() || rings.isEmpty()) {
      throw new IllegalArgumentException("a polygon needs at least one ring");
    }
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i));
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode points) {
    if (!points.isArray() || points.size() < 4) {
      throw new IllegalArgumentException("a ring needs at least four positions");
    }
    Coordinate[] coordinates = new Coordinate[points.size()];
    for (int i = 0; i < coordinates.length; i++) {
      JsonNode p = points.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new IllegalArgumentException("a position is [longitude, latitude]");
      }
      coordinates[i] = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }
    if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
      throw new IllegalArgumentException("a ring must be closed");
    }
    return FACTORY.createLinearRing(coordinates);
  }
}
