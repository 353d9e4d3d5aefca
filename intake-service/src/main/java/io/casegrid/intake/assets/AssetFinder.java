package io.casegrid.intake.assets;

import io.casegrid.intake.location.Distances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Finds registered assets (资产台账) by code and near a position: the covers of a category within a
 * radius, the nearest first, to suggest to an operator whose caller stands at a cover without its
 * code; and the only one within a tight radius, taken with its owner without asking.
 */
@ApplicationScoped
public class AssetFinder {

  /** A registered asset. */
  public record Asset(
      String code,
      String categoryCode,
      double latitude,
      double longitude,
      String ownerDepartmentCode,
      String address) {}

  /** An asset and how far it lies from the position asked about, in whole metres. */
  public record Nearby(Asset asset, long distanceMetres) {}

  private static final String COLUMNS =
      "code, category_code, latitude, longitude, owner_department_code, address";

  private final EntityManager entityManager;
  private final AssetFinderConfig config;

  AssetFinder(EntityManager entityManager, AssetFinderConfig config) {
    this.entityManager = entityManager;
    this.config = config;
  }

  public AssetFinderConfig config() {
    return config;
  }

  public Optional<Asset> byCode(String code) {
    return select("WHERE code = ?1", code).stream().findFirst();
  }

  /**
   * The assets (of {@code category}, or of every category when null) within {@code radiusMetres} of
   * the position, the nearest first, at most {@code limit}.
   */
  public List<Nearby> near(
      double latitude, double longitude, String category, int radiusMetres, int limit) {
    Distances.Box box = Distances.box(latitude, longitude, radiusMetres);
    return nearIn(box, category).stream()
        .map(
            a ->
                new Nearby(
                    a,
                    Math.round(Distances.metres(latitude, longitude, a.latitude(), a.longitude()))))
        .filter(n -> n.distanceMetres() <= radiusMetres)
        .sorted(
            Comparator.comparingLong(Nearby::distanceMetres).thenComparing(n -> n.asset().code()))
        .limit(limit)
        .toList();
  }

  // Plain JDBC: every report of a cover at a position asks this, and a native query cost Hibernate
  // more (parsing it, mapping its rows, checking what to flush first) than PostgreSQL's answer.
  private List<Asset> nearIn(Distances.Box box, String category) {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT "
                          + COLUMNS
                          + " FROM asset WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND"
                          + " ? AND (CAST(? AS TEXT) IS NULL OR category_code = CAST(? AS TEXT))")) {
                select.setDouble(1, box.minLatitude());
                select.setDouble(2, box.maxLatitude());
                select.setDouble(3, box.minLongitude());
                select.setDouble(4, box.maxLongitude());
                select.setString(5, category);
                select.setString(6, category);
                List<Asset> assets = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                  while (rows.next()) {
                    assets.add(
                        new Asset(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getDouble(3),
                            rows.getDouble(4),
                            rows.getString(5),
                            rows.getString(6)));
                  }
                }
                return assets;
              }
            });
  }

  /**
   * The asset of the category a report at the position is about, when it is the only one within the
   * tight radius ({@code casegrid.assets.auto-match-radius-metres}); none when there are none or
   * several, which the operator tells apart.
   */
  public Optional<Nearby> alone(String category, double latitude, double longitude) {
    List<Nearby> within = near(latitude, longitude, category, config.autoMatchRadiusMetres(), 2);
    return within.size() == 1 ? Optional.of(within.get(0)) : Optional.empty();
  }

  /**
   * A page of the assets whose code is after {@code after}, in code order, within the bounds and of
   * {@code category} if given; the caller keeps those that lie in its area.
   */
  public List<Asset> inBox(
      double minLatitude,
      double maxLatitude,
      double minLongitude,
      double maxLongitude,
      String category,
      String after,
      int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM asset WHERE latitude BETWEEN ?1 AND ?2 AND longitude BETWEEN ?3 AND"
                    + " ?4 AND (CAST(?5 AS TEXT) IS NULL OR category_code = CAST(?5 AS TEXT)) AND"
                    + " code > ?6 ORDER BY code LIMIT ?7")
            .setParameter(1, minLatitude)
            .setParameter(2, maxLatitude)
            .setParameter(3, minLongitude)
            .setParameter(4, maxLongitude)
            .setParameter(5, category)
            .setParameter(6, after == null ? "" : after)
            .setParameter(7, limit)
            .getResultList();
    return rows.stream().map(AssetFinder::asset).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Asset> select(String where, String code) {
    return ((List<Object[]>)
            entityManager
                .createNativeQuery("SELECT " + COLUMNS + " FROM asset " + where)
                .setParameter(1, code)
                .getResultList())
        .stream().map(AssetFinder::asset).toList();
  }

  private static Asset asset(Object[] r) {
    return new Asset(
        (String) r[0],
        (String) r[1],
        ((Number) r[2]).doubleValue(),
        ((Number) r[3]).doubleValue(),
        (String) r[4],
        (String) r[5]);
  }
}
