package io.casegrid.citypackage.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeoJsonAssetFileTest {

  private static List<AssetFile.Item> read(String geoJson) throws Exception {
    List<AssetFile.Item> items = new ArrayList<>();
    try (GeoJsonAssetFile file =
        new GeoJsonAssetFile(new ByteArrayInputStream(geoJson.getBytes(StandardCharsets.UTF_8)))) {
      AssetFile.Item item;
      while ((item = file.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  private static String point(String properties) {
    return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.0865,30.215]},"
        + "\"properties\":"
        + properties
        + "}";
  }

  @Test
  void readsPointFeaturesByTheirIndexIgnoringWhatItDoesNotNeed() throws Exception {
    List<AssetFile.Item> items =
        read(
            "{\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4326\"}},\"features\":["
                + point(
                    "{\"code\":\"3399010102000001\",\"categoryCode\":\"0102\","
                        + "\"ownerDepartmentCode\":\"DRAINAGE\",\"address\":\"湖滨路1号\","
                        + "\"material\":{\"kind\":\"cast iron\"}}")
                + ","
                + "{\"type\":\"Feature\",\"id\":7,\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[120.1,30.2,12.5]},\"properties\":{\"code\":3399010102000002,"
                + "\"categoryCode\":\"0102\",\"ownerDepartmentCode\":null}}"
                + "],\"type\":\"FeatureCollection\"}");
    assertThat(items)
        .containsExactly(
            new AssetFile.Row(
                0, "3399010102000001", "0102", "30.215", "120.0865", "DRAINAGE", "湖滨路1号"),
            new AssetFile.Row(1, "3399010102000002", "0102", "30.2", "120.1", null, null));
  }

  @Test
  void aFeatureThatIsNoAssetIsUnreadableAndTheNextOneIsReadOn() throws Exception {
    List<AssetFile.Item> items =
        read(
            "{\"type\":\"FeatureCollection\",\"features\":["
                + "[1,2],"
                + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]},"
                + "\"properties\":{}},"
                + point("{\"code\":[\"3399010102000001\"]}")
                + ","
                + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[\"120.1\",30.2]}},"
                + point("{\"code\":\"3399010102000009\"}")
                + "]}");
    assertThat(items).hasSize(5);
    assertThat(items.subList(0, 4)).allMatch(i -> i instanceof AssetFile.Unreadable);
    assertThat(items.get(2))
        .isEqualTo(new AssetFile.Unreadable(2, "properties.code must be a string"));
    assertThat(items.get(4).position()).isEqualTo(4);
    assertThat(((AssetFile.Row) items.get(4)).code()).isEqualTo("3399010102000009");
  }

  @Test
  void aFileThatIsNoFeatureCollectionIsNoAssetFile() {
    for (String notOne :
        List.of(
            "[]",
            "{\"type\":\"Feature\",\"features\":[]}",
            "{\"type\":\"FeatureCollection\"}",
            "{\"type\":\"FeatureCollection\",\"features\":{}}",
            "{\"type\":",
            "code,categoryCode\n1,2\n")) {
      assertThatThrownBy(() -> read(notOne))
          .as(notOne)
          .isInstanceOf(AssetFile.NotAnAssetFile.class);
    }
  }

  @Test
  void jsonThatBreaksOffAfterSomeFeaturesStopsTheReading() throws Exception {
    List<AssetFile.Item> items = new ArrayList<>();
    String truncated =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + point("{\"code\":\"3399010102000001\"}")
            + ","
            + point("{\"code\":\"33990101");
    try (GeoJsonAssetFile file =
        new GeoJsonAssetFile(
            new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8)))) {
      items.add(file.next());
      assertThatThrownBy(file::next).isInstanceOf(IOException.class);
    }
    assertThat(items).hasSize(1);
  }
}
