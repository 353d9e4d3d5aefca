package io.casegrid.intake.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.events.Location;
import io.casegrid.intake.location.GridLocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class CityMapDrawingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Geometry rectangle(double west, double south, double east, double north)
      throws Exception {
    String ring =
        "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]"
            .formatted(west, south, east, south, east, north, west, north, west, south);
    return GeoJson.read(JSON.readTree("{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}"));
  }

  private static CityMapDrawing.Area area(String code, Geometry shape) {
    return new CityMapDrawing.Area(code, "网格" + code, null, shape);
  }

  private final List<CityMapDrawing.Area> grids = new ArrayList<>();
  private final CityMapDrawing drawing;

  CityMapDrawingTest() throws Exception {
    grids.add(area("339901001001001", rectangle(120.00, 30.20, 120.05, 30.25)));
    grids.add(area("339901001001002", rectangle(120.05, 30.20, 120.10, 30.25)));
    grids.add(area("339902001001001", rectangle(120.10, 30.20, 120.16, 30.32)));
    drawing =
        new CityMapDrawing(
            List.of(
                area("339901", rectangle(120.00, 30.20, 120.10, 30.25)),
                area("339902", rectangle(120.10, 30.20, 120.16, 30.32))),
            grids);
  }

  @Test
  void aPointOfTheDrawingTurnsBackIntoThePositionItWasDrawnFrom() {
    double[] position = drawing.position(drawing.x(120.0865), drawing.y(30.215));

    assertThat(position[0]).isCloseTo(30.215, within(1e-9));
    assertThat(position[1]).isCloseTo(120.0865, within(1e-9));
  }

  @Test
  void theCityFillsTheWidthAndKeepsItsShape() {
    assertThat(drawing.x(120.00)).isEqualTo(CityMapDrawing.PAD);
    assertThat(drawing.x(120.16))
        .isCloseTo(CityMapDrawing.PAD + CityMapDrawing.WIDTH, within(1e-6));
    // A degree of latitude is longer than one of longitude away from the equator.
    assertThat(drawing.unitsPerLatitude() / drawing.unitsPerLongitude())
        .isCloseTo(1 / Math.cos(Math.toRadians(30.26)), within(1e-3));
  }

  @Test
  void everyGridIsOutlinedAndOffersAPositionThatLiesInIt() {
    GridLocator locator =
        new GridLocator(
            grids.stream()
                .map(
                    a ->
                        new GridLocator.Grid(
                            new Location(
                                a.code().substring(0, 6),
                                a.code().substring(0, 9),
                                a.code().substring(0, 12),
                                a.code()),
                            a.shape()))
                .toList());

    assertThat(drawing.grids()).hasSize(3);
    for (CityMapDrawing.Grid grid : drawing.grids()) {
      assertThat(grid.path()).matches("M[0-9. ]+(L[0-9. ]+){3}Z");
      assertThat(locator.locate(grid.latitude(), grid.longitude()).map(Location::gridCode))
          .contains(grid.code());
    }
  }

  @Test
  void eachDistrictListsItsOwnGrids() {
    assertThat(drawing.districts()).extracting(d -> d.grids().size()).containsExactly(2, 1);
  }

  @Test
  void aGridWithoutAnEnglishNameShowsItsChineseOne() {
    assertThat(drawing.grids().get(0).label("en")).isEqualTo("网格339901001001001");
  }

  @Test
  void aCityWithoutGridsYetIsAnEmptyDrawing() {
    CityMapDrawing empty = new CityMapDrawing(List.of(), List.of());

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.height()).isFinite().isPositive();
  }
}
