package io.casegrid.intake.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The areas and grids read back as loaded: as a tree, one by one, or as GeoJSON. */
@ApplicationScoped
public class AreaReading {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An area of the tree with the areas in it, the smallest codes first. */
  public record Node(
      String code,
      AreaLevel level,
      String name,
      String nameEn,
      String parentCode,
      List<Node> areas) {}

  /** One area with its outline and the codes of the areas in it. */
  public record Area(
      String code,
      AreaLevel level,
      String name,
      String nameEn,
      String parentCode,
      JsonNode geometry,
      List<String> areaCodes) {}

  private record Row(
      String code,
      AreaLevel level,
      String name,
      String nameEn,
      String parentCode,
      String geometry) {}

  private final EntityManager entityManager;

  AreaReading(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * The tree down to {@code deepest} (GRID: all), from the districts, or from the area {@code
   * under}; empty if there is no such area.
   */
  public Optional<List<Node>> tree(String under, AreaLevel deepest) {
    List<Row> rows = rows(under, deepest, false);
    Map<String, List<Row>> children = new HashMap<>();
    List<Row> top = new ArrayList<>();
    for (Row r : rows) {
      if (under != null ? r.code().equals(under) : r.parentCode() == null) {
        top.add(r);
      } else {
        children.computeIfAbsent(r.parentCode(), p -> new ArrayList<>()).add(r);
      }
    }
    if (under != null && top.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(top.stream().map(r -> node(r, children)).toList());
  }

  /** One area, with its outline. */
  public Optional<Area> area(String code) {
    List<Row> found = rows(code, AreaLevel.GRID, true);
    return found.stream()
        .filter(r -> r.code().equals(code))
        .findFirst()
        .map(
            r ->
                new Area(
                    r.code(),
                    r.level(),
                    r.name(),
                    r.nameEn(),
                    r.parentCode(),
                    read(r.geometry()),
                    found.stream()
                        .filter(c -> code.equals(c.parentCode()))
                        .map(Row::code)
                        .toList()));
  }

  /**
   * The areas as a GeoJSON FeatureCollection, each with its properties {@code code}, {@code level},
   * {@code name}, {@code nameEn} and {@code parentCode} as a package's {@code areas.geojson} has
   * them: the whole city, or one area and those in it, down to {@code deepest}.
   */
  public ObjectNode geoJson(String under, AreaLevel deepest) {
    ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = collection.putArray("features");
    for (Row r : rows(under, deepest, true)) {
      ObjectNode feature = features.addObject().put("type", "Feature");
      ObjectNode properties = feature.putObject("properties");
      properties.put("code", r.code()).put("level", r.level().name()).put("name", r.name());
      if (r.nameEn() != null) {
        properties.put("nameEn", r.nameEn());
      }
      if (r.parentCode() != null) {
        properties.put("parentCode", r.parentCode());
      }
      feature.set("geometry", read(r.geometry()));
    }
    return collection;
  }

  private static Node node(Row r, Map<String, List<Row>> children) {
    return new Node(
        r.code(),
        r.level(),
        r.name(),
        r.nameEn(),
        r.parentCode(),
        children.getOrDefault(r.code(), List.of()).stream().map(c -> node(c, children)).toList());
  }

  // The area and those in it (every area when null), down to a level, by level and code.
  @SuppressWarnings("unchecked")
  private List<Row> rows(String under, AreaLevel deepest, boolean withGeometry) {
    List<String> levels =
        java.util.Arrays.stream(AreaLevel.values())
            .filter(l -> l.compareTo(deepest) <= 0)
            .map(Enum::name)
            .toList();
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT code, level, name, name_en, parent_code, "
                    + (withGeometry ? "geometry" : "NULL")
                    + " FROM area WHERE level IN (?1) AND (CAST(?2 AS TEXT) IS NULL OR code LIKE"
                    + " CAST(?2 AS TEXT) || '%') ORDER BY length(code), code")
            .setParameter(1, levels)
            .setParameter(2, under)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Row(
                    (String) r[0],
                    AreaLevel.valueOf((String) r[1]),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5]))
        .sorted(Comparator.comparing((Row r) -> r.code().length()).thenComparing(Row::code))
        .toList();
  }

  private static JsonNode read(String geometry) {
    try {
      return geometry == null ? null : JSON.readTree(geometry);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
