package io.casegrid.citypackage.assets;

import java.util.regex.Pattern;

/**
 * What makes a row of an asset file an asset of the register: a 16-digit code (6 digits of the
 * administrative division, 2 of the major class, 2 of the minor class, 6 of the serial number), a
 * component category of the catalogue, a position inside one of the city's grids, and an owner that
 * is a known department or none (an unowned cover, 无主).
 */
public final class AssetRules {

  /** The reference data a row is checked against. */
  public interface Reference {
    boolean isComponentCategory(String code);

    boolean isDepartment(String code);

    boolean inSomeGrid(double latitude, double longitude);
  }

  /** What became of a row. */
  public sealed interface Outcome permits Asset, Rejection {}

  /** A row that passed: the asset to store. */
  public record Asset(
      long position,
      String code,
      String categoryCode,
      double latitude,
      double longitude,
      String ownerDepartmentCode,
      String address)
      implements Outcome {}

  /** A row that did not, with the field at fault and why. */
  public record Rejection(long position, String code, String field, String reason)
      implements Outcome {}

  public static final int MAX_ADDRESS = 500;
  private static final Pattern CODE = Pattern.compile("\\d{16}");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?\\d{1,20}(\\.\\d{1,20})?([eE][-+]?\\d{1,3})?");

  private AssetRules() {}

  /** The asset the row describes, or the first reason it is rejected. */
  public static Outcome check(AssetFile.Row row, Reference reference) {
    String code = row.code();
    String text = firstNotText(row);
    if (text != null) {
      return reject(row, text, "is not valid UTF-8 text or holds a NUL character");
    }
    if (code == null || code.isEmpty()) {
      return reject(row, "code", "is missing");
    }
    if (!CODE.matcher(code).matches()) {
      return reject(row, "code", "must be 16 digits, not '" + shown(code) + "'");
    }
    if (row.categoryCode() == null || row.categoryCode().isEmpty()) {
      return reject(row, "categoryCode", "is missing");
    }
    if (!reference.isComponentCategory(row.categoryCode())) {
      return reject(row, "categoryCode", "is not a component category of the catalogue");
    }
    Double latitude = coordinate(row.latitude(), 90);
    if (latitude == null) {
      return reject(row, "latitude", "must be a number from -90 to 90");
    }
    Double longitude = coordinate(row.longitude(), 180);
    if (longitude == null) {
      return reject(row, "longitude", "must be a number from -180 to 180");
    }
    if (!reference.inSomeGrid(latitude, longitude)) {
      return reject(row, "position", "lies outside the city: in no grid");
    }
    String owner = blankToNull(row.ownerDepartmentCode());
    if (owner != null && !reference.isDepartment(owner)) {
      return reject(row, "ownerDepartmentCode", "is not a known department");
    }
    String address = blankToNull(row.address());
    if (address != null && address.length() > MAX_ADDRESS) {
      return reject(row, "address", "is longer than " + MAX_ADDRESS + " characters");
    }
    return new Asset(
        row.position(),
        code,
        row.categoryCode(),
        latitude,
        longitude,
        owner,
        address == null ? null : address.strip());
  }

  /** The rejection of a row whose code an earlier row of the same file already had. */
  public static Rejection duplicate(Asset asset) {
    return new Rejection(
        asset.position(),
        asset.code(),
        "code",
        "duplicates the code of an earlier row of the file");
  }

  public static Rejection unreadable(AssetFile.Unreadable item) {
    return new Rejection(item.position(), null, null, "malformed: " + item.reason());
  }

  private static Rejection reject(AssetFile.Row row, String field, String reason) {
    return new Rejection(row.position(), shown(row.code()), field, reason);
  }

  // A coordinate as plain decimal text (no NaN, Infinity, hexadecimal or type suffixes), in range.
  private static Double coordinate(String text, double bound) {
    if (text == null || !NUMBER.matcher(text.strip()).matches()) {
      return null;
    }
    double value = Double.parseDouble(text.strip());
    return Math.abs(value) <= bound ? value : null;
  }

  private static String firstNotText(AssetFile.Row row) {
    String[][] fields = {
      {"code", row.code()},
      {"categoryCode", row.categoryCode()},
      {"latitude", row.latitude()},
      {"longitude", row.longitude()},
      {"ownerDepartmentCode", row.ownerDepartmentCode()},
      {"address", row.address()}
    };
    for (String[] field : fields) {
      String value = field[1];
      if (value != null && (value.indexOf('\0') >= 0 || value.indexOf('\uFFFD') >= 0)) {
        return field[0];
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  // Codes are kept with a rejection to help find the row; a long or odd one is cut short.
  private static String shown(String code) {
    if (code == null) {
      return null;
    }
    String clean = code.replaceAll("[\\p{Cntrl}\uFFFD]", "?");
    return clean.length() > 32 ? clean.substring(0, 32) + "…" : clean;
  }
}
