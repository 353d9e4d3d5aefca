package io.casegrid.intake.reference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Administrative areas and grids as a GeoJSON FeatureCollection, as a city's GIS exports them: one
 * Polygon or MultiPolygon feature per area, its properties {@code code} (6, 9, 12 or 15 digits:
 * district, street, community, grid), {@code name}, and optionally {@code nameEn}, {@code level}
 * and {@code parentCode}, which default to what the code says (its length, and the code without its
 * last three digits). Read a feature at a time; a feature's position in {@code features} names it
 * in errors.
 */
final class GeoJsonAreas {

  // Not the service's strict mapper: that one refuses anything after a value, and each feature is
  // read in the middle of the collection.
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonAreas() {}

  /**
   * The areas of a collection, in its order, and what is wrong with properties that could not be
   * taken as they are (a level that is none), named as in the GeoJSON.
   */
  record Read(List<ReferenceData.Area> areas, List<Problem.FieldError> errors) {}

  /** The areas of the collection, in its order; 400 if it is no FeatureCollection. */
  static Read read(InputStream body) throws IOException {
    List<ReferenceData.Area> areas = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notACollection("the body must be a GeoJSON FeatureCollection object");
      }
      boolean collection = false;
      boolean features = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("type")) {
          collection =
              value == JsonToken.VALUE_STRING && "FeatureCollection".equals(parser.getText());
        } else if (name.equals("features") && value == JsonToken.START_ARRAY) {
          features = true;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            areas.add(area(areas.size(), parser.readValueAsTree(), errors));
          }
        } else {
          parser.skipChildren();
        }
      }
      if (!collection || !features) {
        throw notACollection("the body must be a GeoJSON FeatureCollection with features");
      }
      if (parser.nextToken() != null) {
        throw notACollection("nothing may follow the FeatureCollection");
      }
    }
    return new Read(areas, errors);
  }

  /**
   * Errors found in the areas as {@link ReferenceDataImport} names them ({@code areas[3].code}),
   * named as they are in the GeoJSON ({@code features[3].properties.code}).
   */
  static DomainException inGeoJsonTerms(DomainException e) {
    return new DomainException(
        e.refusal(),
        e.type(),
        e.getMessage(),
        e.violations().stream()
            .map(v -> new DomainException.Violation(geoJsonName(v.field()), v.message()))
            .toList());
  }

  /** Errors in the areas' names ({@code areas[3].code}) as the GeoJSON names them. */
  static List<Problem.FieldError> named(List<Problem.FieldError> errors) {
    return errors.stream()
        .map(f -> new Problem.FieldError(geoJsonName(f.field()), f.message()))
        .toList();
  }

  private static String geoJsonName(String field) {
    return field
        .replaceFirst("^areas\\[(\\d+)]\\.geometry", "features[$1].geometry")
        .replaceFirst("^areas\\[(\\d+)]\\.", "features[$1].properties.");
  }

  private static ReferenceData.Area area(
      int index, JsonNode feature, List<Problem.FieldError> errors) {
    JsonNode properties = feature.path("properties");
    for (String name : List.of("code", "level", "name", "nameEn", "parentCode")) {
      String value = text(properties, name);
      if (value != null && value.indexOf('\0') >= 0) {
        String field = "features[" + index + "].properties." + name;
        throw new DomainException(
            DomainException.Refusal.MALFORMED,
            "validation",
            "the request has invalid fields",
            List.of(new DomainException.Violation(field, "may not contain a NUL character")));
      }
    }
    String code = text(properties, "code");
    String level = text(properties, "level");
    AreaLevel derived = AreaCodes.levelOf(code).orElse(null);
    AreaLevel given = AreaCodes.parseLevel(level).orElse(null);
    if (level != null && given == null) {
      errors.add(
          new Problem.FieldError(
              "features[" + index + "].properties.level", AreaCodes.levelProblem(level)));
    } else if (level == null && derived == null && code != null && !code.isBlank()) {
      // Without a level, the code's length is all there is to go by.
      errors.add(
          new Problem.FieldError(
              "features[" + index + "].properties.code",
              AreaCodes.codeProblem(code, null).orElseThrow()));
    }
    String parent = text(properties, "parentCode");
    if (parent == null && derived != null && derived != AreaLevel.DISTRICT) {
      parent = code.substring(0, code.length() - 3);
    }
    JsonNode geometry = feature.path("geometry");
    return new ReferenceData.Area(
        code,
        // An unknown level was named above; the code's own keeps the other checks going.
        given != null ? given : derived,
        text(properties, "name"),
        text(properties, "nameEn"),
        parent,
        geometry.isObject() ? geometry : null);
  }

  // A property as text; a number (a code written as one) as its digits.
  private static String text(JsonNode properties, String name) {
    JsonNode value = properties.path(name);
    return value.getNodeType() == JsonNodeType.STRING || value.isIntegralNumber()
        ? value.asText()
        : null;
  }

  private static DomainException notACollection(String why) {
    return new DomainException(DomainException.Refusal.MALFORMED, "not-geojson-areas", why);
  }
}
