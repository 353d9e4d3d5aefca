package io.casegrid.intake.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The city's districts and grids (网格) drawn as SVG paths from the reference data, for an operator
 * to point at where a case is: no map tiles are fetched from anywhere. Positions are projected
 * plainly (longitude scaled by the cosine of the middle latitude), which is exact enough at the
 * size of a city; the page turns a click back into a position with the same numbers.
 */
@TemplateData
public final class CityMapDrawing {

  /** The drawing's width in SVG units; its height follows from the city's shape. */
  public static final double WIDTH = 1000;

  /** Room around the city, in SVG units. */
  public static final double PAD = 8;

  /** An area of the reference data with its shape. */
  public record Area(String code, String name, String nameEn, Geometry shape) {}

  /** A grid as drawn: its outline, its name, and a position inside it. */
  @TemplateData
  public record Grid(
      String code, String name, String nameEn, String path, double latitude, double longitude) {
    public String label(String language) {
      return labelOf(language, name, nameEn);
    }
  }

  /**
   * A district as drawn, with its grids for choosing one from a list, and a position inside it (a
   * place to start from when nothing better is known).
   */
  @TemplateData
  public record District(
      String code,
      String name,
      String nameEn,
      String path,
      double labelX,
      double labelY,
      double latitude,
      double longitude,
      List<Grid> grids) {
    public String label(String language) {
      return labelOf(language, name, nameEn);
    }
  }

  private final double minLongitude;
  private final double maxLatitude;
  private final double unitsPerLongitude;
  private final double unitsPerLatitude;
  private final double height;
  private final List<Grid> grids = new ArrayList<>();
  private final List<District> districts = new ArrayList<>();

  public CityMapDrawing(List<Area> districtAreas, List<Area> gridAreas) {
    Envelope extent = new Envelope();
    gridAreas.forEach(a -> extent.expandToInclude(a.shape().getEnvelopeInternal()));
    districtAreas.forEach(a -> extent.expandToInclude(a.shape().getEnvelopeInternal()));
    if (extent.isNull() || extent.getWidth() == 0 || extent.getHeight() == 0) {
      extent.init(0, 1, 0, 1);
    }
    double middle = Math.toRadians((extent.getMinY() + extent.getMaxY()) / 2);
    minLongitude = extent.getMinX();
    maxLatitude = extent.getMaxY();
    unitsPerLongitude = WIDTH / extent.getWidth();
    unitsPerLatitude = unitsPerLongitude / Math.cos(middle);
    height = extent.getHeight() * unitsPerLatitude + 2 * PAD;
    // Detail finer than a unit (under a pixel as the page shows the map) cannot be seen; dropping
    // it keeps a big city's page small.
    double tolerance = 1 / unitsPerLatitude;
    for (Area a : gridAreas.stream().sorted(Comparator.comparing(Area::code)).toList()) {
      Point inside = a.shape().getInteriorPoint();
      grids.add(
          new Grid(
              a.code(),
              a.name(),
              a.nameEn(),
              path(a.shape(), tolerance),
              round(inside.getY(), 6),
              round(inside.getX(), 6)));
    }
    for (Area a : districtAreas.stream().sorted(Comparator.comparing(Area::code)).toList()) {
      Point inside = a.shape().getInteriorPoint();
      districts.add(
          new District(
              a.code(),
              a.name(),
              a.nameEn(),
              path(a.shape(), tolerance),
              round(x(inside.getX()), 1),
              round(y(inside.getY()), 1),
              round(inside.getY(), 6),
              round(inside.getX(), 6),
              grids.stream().filter(g -> g.code().startsWith(a.code())).toList()));
    }
  }

  public double width() {
    return WIDTH + 2 * PAD;
  }

  public double height() {
    return round(height, 1);
  }

  public double minLongitude() {
    return minLongitude;
  }

  public double maxLatitude() {
    return maxLatitude;
  }

  public double unitsPerLongitude() {
    return unitsPerLongitude;
  }

  public double unitsPerLatitude() {
    return unitsPerLatitude;
  }

  public List<Grid> grids() {
    return grids;
  }

  public List<District> districts() {
    return districts;
  }

  public boolean isEmpty() {
    return grids.isEmpty();
  }

  double x(double longitude) {
    return PAD + (longitude - minLongitude) * unitsPerLongitude;
  }

  double y(double latitude) {
    return PAD + (maxLatitude - latitude) * unitsPerLatitude;
  }

  /** The position at a point of the drawing: what the page computes from a click. */
  double[] position(double x, double y) {
    return new double[] {
      maxLatitude - (y - PAD) / unitsPerLatitude, minLongitude + (x - PAD) / unitsPerLongitude
    };
  }

  private String path(Geometry shape, double tolerance) {
    Geometry simple = DouglasPeuckerSimplifier.simplify(shape, tolerance);
    if (simple.isEmpty()) {
      // A grid smaller than the tolerance still gets its outline, unsimplified.
      simple = shape;
    }
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < simple.getNumGeometries(); i++) {
      Polygon polygon = (Polygon) simple.getGeometryN(i);
      ring(d, polygon.getExteriorRing().getCoordinates());
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        ring(d, polygon.getInteriorRingN(h).getCoordinates());
      }
    }
    return d.toString().strip();
  }

  private void ring(StringBuilder d, Coordinate[] points) {
    // The last point repeats the first; Z closes the ring.
    for (int i = 0; i < points.length - 1; i++) {
      d.append(i == 0 ? "M" : "L")
          .append(number(x(points[i].x)))
          .append(' ')
          .append(number(y(points[i].y)))
          .append(' ');
    }
    d.append("Z ");
  }

  // One decimal, without String.format: a big city's map has hundreds of thousands of numbers.
  private static String number(double value) {
    long tenths = Math.round(Math.abs(value) * 10);
    return (value < 0 && tenths > 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static String labelOf(String language, String name, String nameEn) {
    return "en".equals(language) && nameEn != null && !nameEn.isBlank() ? nameEn : name;
  }
}
