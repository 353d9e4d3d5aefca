package io.casegrid.citypackage.assets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which column of a city's CSV file, or which property of its GeoJSON features, holds each field of
 * the asset register: a city's GIS names them its own way ({@code 井盖编号}, {@code QSDW}). A field not
 * mapped is looked for under its own name. In GeoJSON the position is the Point geometry, so {@code
 * latitude} and {@code longitude} are not looked for.
 */
public record AssetColumns(
    String code,
    String categoryCode,
    String latitude,
    String longitude,
    String ownerDepartmentCode,
    String address) {

  /** The register's own names. */
  public static final AssetColumns OWN_NAMES = new AssetColumns(null, null, null, null, null, null);

  public AssetColumns {
    code = orOwn(code, "code");
    categoryCode = orOwn(categoryCode, "categoryCode");
    latitude = orOwn(latitude, "latitude");
    longitude = orOwn(longitude, "longitude");
    ownerDepartmentCode = orOwn(ownerDepartmentCode, "ownerDepartmentCode");
    address = orOwn(address, "address");
  }

  /** Each field of the register by the name the file gives it, the required ones first. */
  public Map<String, String> byField() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", code);
    fields.put("categoryCode", categoryCode);
    fields.put("latitude", latitude);
    fields.put("longitude", longitude);
    fields.put("ownerDepartmentCode", ownerDepartmentCode);
    fields.put("address", address);
    return fields;
  }

  private static String orOwn(String column, String field) {
    return column == null || column.isBlank() ? field : column.strip();
  }
}
