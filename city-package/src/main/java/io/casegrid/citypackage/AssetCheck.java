package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import io.casegrid.citypackage.assets.AssetColumns;
import io.casegrid.citypackage.assets.AssetFile;
import io.casegrid.citypackage.assets.AssetRules;
import io.casegrid.citypackage.assets.CsvAssetFile;
import io.casegrid.citypackage.assets.GeoJsonAssetFile;
import io.casegrid.citypackage.geo.GeoJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Reads the asset register of a package — the CSV and GeoJSON files its manifest lists, each with
 * its column mapping — row by row, checks each row as an import checks it (a 16-digit code, a
 * component category of the package, a position in one of its grids, an owner among its
 * departments), and hands on the assets that pass. Each refused row is a problem with its file and
 * line (CSV) or feature (GeoJSON).
 */
public final class AssetCheck {

  /** An asset file the manifest names: its path, format and the file's own column names. */
  public record Source(String file, String format, AssetColumns columns, long line) {}

  private AssetCheck() {}

  /** The asset files the manifest lists; a problem for each that is not in the package. */
  public static List<Source> sources(CityPackage p, List<Problem> problems) throws IOException {
    List<Source> sources = new ArrayList<>();
    for (CityPackage.Item item : p.list(CityPackage.MANIFEST, "assets")) {
      JsonNode n = item.node();
      String file = n.path("file").asText("");
      String format =
          n.path("format")
              .asText(file.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "geojson");
      if (!format.equals("csv") && !format.equals("geojson")) {
        problems.add(item.problem("format", "manifest.asset-format", format));
        continue;
      }
      if (!PackageFiles.safe(file) || !p.source().has(file)) {
        problems.add(item.problem("file", "manifest.asset-file", file));
        continue;
      }
      JsonNode c = n.path("columns");
      sources.add(
          new Source(
              file,
              format,
              new AssetColumns(
                  text(c, "code"),
                  text(c, "categoryCode"),
                  text(c, "latitude"),
                  text(c, "longitude"),
                  text(c, "ownerDepartmentCode"),
                  text(c, "address")),
              item.line()));
    }
    return sources;
  }

  /**
   * Checks every row of the package's asset files against what the package defines, adding a
   * problem for each refused row and giving each asset that passes to {@code accepted}.
   */
  public static void check(
      CityPackage p,
      PackageCheck.Defined defined,
      List<Problem> problems,
      Consumer<AssetRules.Asset> accepted)
      throws IOException {
    AssetRules.Reference reference = reference(defined);
    Set<String> codes = new HashSet<>();
    for (Source source : sources(p, problems)) {
      Optional<InputStream> opened = p.source().open(source.file());
      try (InputStream in = new BufferedInputStream(opened.orElseThrow(), 64 * 1024);
          AssetFile file =
              source.format().equals("csv")
                  ? new CsvAssetFile(in, source.columns())
                  : new GeoJsonAssetFile(in, source.columns())) {
        AssetFile.Item item;
        while ((item = file.next()) != null) {
          if (item instanceof AssetFile.Unreadable u) {
            problems.add(problem(source, u.position(), null, "asset.unreadable", u.reason()));
            continue;
          }
          AssetFile.Row row = (AssetFile.Row) item;
          AssetRules.Outcome outcome = AssetRules.check(row, reference);
          if (outcome instanceof AssetRules.Asset a) {
            if (!codes.add(a.code())) {
              problems.add(
                  problem(
                      source,
                      a.position(),
                      column(source, "code"),
                      "asset.code.duplicate",
                      a.code()));
            } else {
              accepted.accept(a);
            }
          } else {
            AssetRules.Rejection r = (AssetRules.Rejection) outcome;
            problems.add(rejection(source, row, r));
          }
        }
      } catch (AssetFile.NotAnAssetFile | IOException e) {
        problems.add(problem(source, null, null, "asset.file", e.getMessage()));
      }
    }
  }

  private static Problem rejection(Source source, AssetFile.Row row, AssetRules.Rejection r) {
    String field = r.field();
    if (field == null) {
      return problem(source, r.position(), null, "asset.unreadable", r.reason());
    }
    String rule =
        r.reason().startsWith("is missing")
            ? "asset.required"
            : switch (field) {
              case "code" -> "asset.code";
              case "categoryCode" -> "asset.category";
              case "latitude" -> "asset.latitude";
              case "longitude" -> "asset.longitude";
              case "position" -> "asset.position";
              case "ownerDepartmentCode" -> "asset.owner";
              case "address" -> "asset.address";
              default -> "asset.text";
            };
    String value =
        switch (field) {
          case "code" -> row.code();
          case "categoryCode" -> row.categoryCode();
          case "latitude" -> row.latitude();
          case "longitude" -> row.longitude();
          case "position" -> row.latitude() + ", " + row.longitude();
          case "ownerDepartmentCode" -> row.ownerDepartmentCode();
          default -> field;
        };
    String column = field.equals("position") ? column(source, "latitude") : column(source, field);
    if (rule.equals("asset.required")) {
      value = column;
    }
    return problem(
        source, r.position(), column, rule, value, String.valueOf(AssetRules.MAX_ADDRESS));
  }

  private static String column(Source source, String field) {
    return source.format().equals("csv") || !Set.of("latitude", "longitude").contains(field)
        ? source.columns().byField().getOrDefault(field, field)
        : "geometry";
  }

  private static Problem problem(
      Source source, Long position, String field, String rule, String value, String... args) {
    boolean csv = source.format().equals("csv");
    return new Problem(
        source.file(),
        csv ? position : null,
        csv ? null : position,
        field,
        rule,
        value == null ? "" : value,
        List.of(args));
  }

  private static AssetRules.Reference reference(PackageCheck.Defined defined) {
    STRtree index = new STRtree();
    defined.grids().values().forEach(g -> index.insert(g.getEnvelopeInternal(), g));
    index.build();
    return new AssetRules.Reference() {
      @Override
      public boolean isComponentCategory(String code) {
        return defined.categories().get(code) == Vocabulary.CategoryKind.COMPONENT;
      }

      @Override
      public boolean isDepartment(String code) {
        return defined.departments().containsKey(code);
      }

      @Override
      public boolean inSomeGrid(double latitude, double longitude) {
        Point point = GeoJson.FACTORY.createPoint(new Coordinate(longitude, latitude));
        @SuppressWarnings("unchecked")
        List<Geometry> candidates = index.query(point.getEnvelopeInternal());
        return candidates.stream().anyMatch(g -> g.covers(point));
      }
    };
  }

  private static String text(JsonNode columns, String field) {
    JsonNode v = columns.path(field);
    return v.isTextual() ? v.asText() : null;
  }
}
