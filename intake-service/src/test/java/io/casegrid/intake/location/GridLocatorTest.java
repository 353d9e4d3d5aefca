package io.casegrid.intake.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.events.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridLocatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static GridLocator.Grid grid(
      String code, double west, double south, double east, double north) throws Exception {
    String ring =
        "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]"
            .formatted(west, south, east, south, east, north, west, north, west, south);
    return new GridLocator.Grid(
        new Location(code.substring(0, 6), code.substring(0, 9), code.substring(0, 12), code),
        GeoJson.read(JSON.readTree("{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}")));
  }

  private final GridLocator locator;

  GridLocatorTest() throws Exception {
    locator =
        new GridLocator(
            List.of(
                grid("339901001001001", 120.0, 30.0, 120.1, 30.1),
                grid("339901001001002", 120.1, 30.0, 120.2, 30.1),
                grid("339902001001001", 120.0, 30.1, 120.2, 30.2)));
  }

  @Test
  void findsTheGridAndItsCommunityStreetAndDistrict() {
    assertThat(locator.locate(30.05, 120.15))
        .contains(new Location("339901", "339901001", "339901001001", "339901001001002"));
    assertThat(locator.locate(30.15, 120.01).map(Location::districtCode)).contains("339902");
  }

  @Test
  void givesAPointOnASharedEdgeToTheGridWithTheSmallestCode() {
    assertThat(locator.locate(30.05, 120.1).map(Location::gridCode)).contains("339901001001001");
  }

  @Test
  void findsNothingOutsideEveryGrid() {
    assertThat(locator.locate(31.0, 121.0)).isEmpty();
    assertThat(locator.locate(30.05, 119.99)).isEmpty();
  }

  @Test
  void rejectsGeometryThatIsNotAClosedPolygon() {
    assertThatThrownBy(
            () -> GeoJson.read(JSON.readTree("{\"type\":\"Point\",\"coordinates\":[120,30]}")))
        .hasMessageContaining("Polygon");
    assertThatThrownBy(
            () ->
                GeoJson.read(
                    JSON.readTree(
                        "{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[121,30],[121,31],[120,31]]]}")))
        .hasMessageContaining("closed");
  }
}
