package io.casegrid.supervision.hotspots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outline of an area or grid as GeoJSON (WGS-84, [longitude, latitude]), checked for shape and
 * rewritten with nothing but its type and coordinates, so that the map is served exactly what was
 * checked. Supervision only draws these outlines; intake is the one that locates cases in them.
 */
public final class Polygons {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Polygons() {}

  /**
   * A GeoJSON Polygon or MultiPolygon in canonical form, or IllegalArgumentException saying what is
   * wrong with it.
   */
  public static String canonical(JsonNode geometry) {
    if (geometry == null || !geometry.isObject()) {
      throw new IllegalArgumentException("geometry must be a GeoJSON object");
    }
    String type = geometry.path("type").asText();
    JsonNode coordinates = geometry.path("coordinates");
    ObjectNode out = JSON.objectNode().put("type", type);
    switch (type) {
      case "Polygon" -> out.set("coordinates", polygon(coordinates));
      case "MultiPolygon" -> {
        ArrayNode parts = nonEmpty(coordinates, "a MultiPolygon needs at least one polygon");
        ArrayNode polygons = out.putArray("coordinates");
        parts.forEach(p -> polygons.add(polygon(p)));
      }
      default ->
          throw new IllegalArgumentException(
              "geometry must be a GeoJSON Polygon or MultiPolygon, not '" + type + "'");
    }
    return out.toString();
  }

  private static ArrayNode polygon(JsonNode rings) {
    ArrayNode out = JSON.arrayNode();
    nonEmpty(rings, "a polygon needs at least one ring").forEach(r -> out.add(ring(r)));
    return out;
  }

  private static ArrayNode ring(JsonNode positions) {
    if (!positions.isArray() || positions.size() < 4) {
      throw new IllegalArgumentException("a ring needs at least four positions");
    }
    ArrayNode out = JSON.arrayNode();
    for (JsonNode p : positions) {
      if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new IllegalArgumentException("a position is [longitude, latitude]");
      }
      double longitude = p.get(0).asDouble();
      double latitude = p.get(1).asDouble();
      if (!(Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90)) {
        throw new IllegalArgumentException("a position lies outside [-180, 180] × [-90, 90]");
      }
      out.add(JSON.arrayNode().add(longitude).add(latitude));
    }
    if (!out.get(0).equals(out.get(out.size() - 1))) {
      throw new IllegalArgumentException("a ring must be closed");
    }
    return out;
  }

  private static ArrayNode nonEmpty(JsonNode node, String message) {
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(message);
    }
    return (ArrayNode) node;
  }
}
