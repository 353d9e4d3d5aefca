package io.casegrid.intake.location;

import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.events.Location;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the grid (网格) a position lies in, and with it the community, street and district, by
 * point-in-polygon over a spatial index. Immutable: built once per version of the reference data.
 */
public final class GridLocator {

  /** A grid's polygon and where it sits in the administrative division. */
  public record Grid(Location location, Geometry polygon) {}

  private record Indexed(Location location, PreparedGeometry polygon) {}

  private final STRtree index = new STRtree();
  private final int size;

  public GridLocator(Collection<Grid> grids) {
    for (Grid grid : grids) {
      index.insert(
          grid.polygon().getEnvelopeInternal(),
          new Indexed(grid.location(), PreparedGeometryFactory.prepare(grid.polygon())));
    }
    index.build();
    size = grids.size();
  }

  /**
   * The grid containing the position; a point on a shared edge belongs to the grid with the
   * smallest code, so the answer never depends on load order.
   */
  public Optional<Location> locate(double latitude, double longitude) {
    Point point = GeoJson.FACTORY.createPoint(new Coordinate(longitude, latitude));
    @SuppressWarnings("unchecked")
    List<Indexed> candidates = index.query(point.getEnvelopeInternal());
    return candidates.stream()
        .filter(c -> c.polygon().covers(point))
        .map(Indexed::location)
        .min(Comparator.comparing(Location::gridCode));
  }

  public int size() {
    return size;
  }
}
