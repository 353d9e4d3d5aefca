package io.casegrid.citypackage.assets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An asset file in GeoJSON: a FeatureCollection of Point features (WGS-84, [longitude, latitude])
 * whose properties are {@code code}, {@code categoryCode}, {@code ownerDepartmentCode} and
 * optionally {@code address}, or the names an {@link AssetColumns} mapping gives them; other
 * properties and members are ignored. Read with Jackson's streaming parser a feature at a time,
 * token by token, so that neither the file nor a feature is ever held as a tree; a feature is
 * reported by its index in {@code features}.
 */
public final class GeoJsonAssetFile implements AssetFile {

  private static final Set<String> PROPERTIES =
      Set.of("code", "categoryCode", "ownerDepartmentCode", "address");

  // The register's field each property of the file holds.
  private final Map<String, String> fieldOf = new HashMap<>();
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(64 * 1024)
                  .maxNumberLength(64)
                  .build())
          .build();

  private final JsonParser parser;
  private long index = -1;
  private boolean done;

  /** Reads up to the start of {@code features}; a file that is no FeatureCollection is refused. */
  public GeoJsonAssetFile(InputStream body) throws IOException, NotAnAssetFile {
    this(body, AssetColumns.OWN_NAMES);
  }

  /** As above, the properties named by {@code mapping}. */
  public GeoJsonAssetFile(InputStream body, AssetColumns mapping)
      throws IOException, NotAnAssetFile {
    mapping
        .byField()
        .forEach(
            (field, property) -> {
              if (PROPERTIES.contains(field)) {
                fieldOf.put(property, field);
              }
            });
    parser = JSON.createParser(body);
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new NotAnAssetFile("the GeoJSON must be a FeatureCollection object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("type")) {
          checkType(value);
        } else if (name.equals("features")) {
          if (value != JsonToken.START_ARRAY) {
            throw new NotAnAssetFile("the GeoJSON's features must be an array");
          }
          return;
        } else {
          parser.skipChildren();
        }
      }
      throw new NotAnAssetFile("the GeoJSON has no features");
    } catch (JsonProcessingException e) {
      parser.close();
      throw new NotAnAssetFile("the GeoJSON is not well-formed JSON: " + e.getOriginalMessage());
    }
  }

  private void checkType(JsonToken value) throws IOException, NotAnAssetFile {
    if (value != JsonToken.VALUE_STRING || !parser.getText().equals("FeatureCollection")) {
      throw new NotAnAssetFile("the GeoJSON's type must be FeatureCollection");
    }
  }

  @Override
  public Item next() throws IOException {
    if (done) {
      return null;
    }
    JsonToken token = parser.nextToken();
    if (token == JsonToken.END_ARRAY) {
      rest();
      done = true;
      return null;
    }
    index++;
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return new Unreadable(index, "a feature must be a GeoJSON Feature object");
    }
    return feature();
  }

  // The members after the features: only the type is looked at.
  private void rest() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("type")) {
        try {
          checkType(value);
        } catch (NotAnAssetFile e) {
          throw new NotAFeatureCollection(e.getMessage());
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private Item feature() throws IOException {
    String problem = null;
    boolean isFeature = false;
    String[] position = null;
    Map<String, String> properties = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "type" ->
            isFeature = value == JsonToken.VALUE_STRING && parser.getText().equals("Feature");
        case "geometry" -> {
          position = point(value);
          if (position == null && problem == null) {
            problem = "geometry must be a Point with the coordinates [longitude, latitude]";
          }
        }
        case "properties" -> {
          String wrong = properties(value, properties);
          if (wrong != null && problem == null) {
            problem = wrong;
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (!isFeature) {
      return new Unreadable(index, "a feature's type must be Feature");
    }
    if (problem != null) {
      return new Unreadable(index, problem);
    }
    if (position == null) {
      return new Unreadable(index, "a feature needs a Point geometry");
    }
    return new Row(
        index,
        properties.get("code"),
        properties.get("categoryCode"),
        position[1],
        position[0],
        properties.get("ownerDepartmentCode"),
        properties.get("address"));
  }

  // [longitude, latitude] as their JSON text, or null if the geometry is no Point; an altitude
  // is allowed and ignored.
  private String[] point(JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    boolean isPoint = false;
    String[] coordinates = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken member = parser.nextToken();
      if (name.equals("type")) {
        isPoint = member == JsonToken.VALUE_STRING && parser.getText().equals("Point");
      } else if (name.equals("coordinates") && member == JsonToken.START_ARRAY) {
        coordinates = numbers();
      } else {
        parser.skipChildren();
      }
    }
    return isPoint ? coordinates : null;
  }

  private String[] numbers() throws IOException {
    String[] found = new String[2];
    int count = 0;
    boolean allNumbers = true;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token.isNumeric() && count < 3) {
        if (count < 2) {
          found[count] = parser.getText();
        }
      } else {
        allNumbers = false;
        parser.skipChildren();
      }
      count++;
    }
    return allNumbers && count >= 2 && count <= 3 ? found : null;
  }

  // The properties this import reads; what is wrong with them, or null.
  private String properties(JsonToken value, Map<String, String> into) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return "properties must be an object";
    }
    String wrong = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String property = parser.currentName();
      String name = fieldOf.get(property);
      JsonToken member = parser.nextToken();
      if (name == null) {
        parser.skipChildren();
      } else if (member == JsonToken.VALUE_STRING
          || (member == JsonToken.VALUE_NUMBER_INT && name.equals("code"))) {
        into.put(name, parser.getText());
      } else if (member != JsonToken.VALUE_NULL) {
        parser.skipChildren();
        if (wrong == null) {
          wrong = "properties." + property + " must be a string";
        }
      }
    }
    return wrong;
  }

  /** A type other than FeatureCollection, met after the features: the import fails. */
  public static final class NotAFeatureCollection extends IOException {
    NotAFeatureCollection(String message) {
      super(message);
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
