package io.casegrid.intake.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.intake.reference.AreaLevel;
import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The drawing of the city's districts and grids, redrawn when the reference data changes. */
@ApplicationScoped
public class CityMap {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EntityManager entityManager;
  private final ReferenceVersion.Cached<CityMapDrawing> drawing;

  CityMap(EntityManager entityManager, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.drawing = version.cache(Duration.ofSeconds(5), v -> draw());
  }

  @Transactional
  public CityMapDrawing drawing() {
    return drawing.get();
  }

  @SuppressWarnings("unchecked")
  private CityMapDrawing draw() {
    List<CityMapDrawing.Area> districts = new ArrayList<>();
    List<CityMapDrawing.Area> grids = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT code, level, name, name_en, geometry FROM area WHERE level IN (?1, ?2)")
                .setParameter(1, AreaLevel.DISTRICT.name())
                .setParameter(2, AreaLevel.GRID.name())
                .getResultList()) {
      CityMapDrawing.Area area;
      try {
        area =
            new CityMapDrawing.Area(
                (String) r[0],
                (String) r[2],
                (String) r[3],
                GeoJson.read(JSON.readTree((String) r[4])));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      (AreaLevel.GRID.name().equals(r[1]) ? grids : districts).add(area);
    }
    return new CityMapDrawing(districts, grids);
  }
}
