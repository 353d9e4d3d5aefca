package io.casegrid.intake.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.casegrid.events.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Intake's reference data as an administrator loads it: the category catalogue, the administrative
 * areas and grids with their polygons, the departments that own assets, the asset register, and the
 * Open311 client applications. Loading is an upsert: codes are stable, names and shapes may change.
 * A city's millions of assets are imported from files instead (see {@code
 * io.casegrid.intake.assets}).
 */
public record ReferenceData(
    @Valid @Size(max = 10_000) List<@NotNull Category> categories,
    @Valid @Size(max = 100_000) List<@NotNull Area> areas,
    @Valid @Size(max = 10_000) List<@NotNull Department> departments,
    @Valid @Size(max = 200_000) List<@NotNull Asset> assets,
    @Valid @Size(max = 1_000) List<@NotNull Open311Client> open311Clients) {

  public ReferenceData {
    categories = categories == null ? List.of() : categories;
    areas = areas == null ? List.of() : areas;
    departments = departments == null ? List.of() : departments;
    assets = assets == null ? List.of() : assets;
    open311Clients = open311Clients == null ? List.of() : open311Clients;
  }

  /** Only areas, as a GeoJSON import of them loads them. */
  public static ReferenceData ofAreas(List<Area> areas) {
    return new ReferenceData(null, areas, null, null, null);
  }

  /**
   * A category of the catalogue, e.g. 0102 sewage manhole cover (污水井盖); optionally the distance
   * (metres) and time (hours) within which a new report of it is suggested as a duplicate of an
   * open case, where the configured defaults do not fit it (garbage is reported from further away
   * than a manhole cover).
   */
  public record Category(
      @NotBlank @Pattern(regexp = "[A-Z0-9]{2,16}") String code,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String nameEn,
      @NotNull CategoryKind kind,
      @NotNull Urgency defaultUrgency,
      @Min(1) @Max(10_000) Integer duplicateRadiusMetres,
      @Min(1) @Max(8_760) Integer duplicateWindowHours) {}

  /**
   * A district, street, community or grid with its GeoJSON polygon. Its code and parent keep the
   * national code lengths and the prefix rule ({@link AreaCodes}), checked on loading so that a
   * refusal can name the offending value.
   */
  public record Area(
      @NotBlank @Size(max = 15) String code,
      @NotNull AreaLevel level,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String nameEn,
      @Size(max = 15) String parentCode,
      @NotNull JsonNode geometry) {}

  /**
   * A department (承办单位) as intake needs to know it: the code dispatch routes to, which the asset
   * register names as an asset's owner.
   */
  public record Department(
      @NotBlank @Pattern(regexp = "[A-Z0-9_-]{2,64}") String code,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String nameEn) {}

  /** A registered asset ("one cover, one number"): its 16-digit code, kind, place and owner. */
  public record Asset(
      @NotBlank @Pattern(regexp = "\\d{16}") String code,
      @NotBlank String categoryCode,
      @DecimalMin("-90") @DecimalMax("90") double latitude,
      @DecimalMin("-180") @DecimalMax("180") double longitude,
      @Size(max = 64) String ownerDepartmentCode,
      @Size(max = 500) String address) {}

  /**
   * An Open311 client application and the SHA-256 (hex) of the api key issued to it; the key itself
   * is handed to the application and never stored (generate one with {@code openssl rand -hex 20}
   * and hash it with {@code printf %s KEY | sha256sum}).
   */
  public record Open311Client(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}") String clientId,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Pattern(regexp = "[0-9a-f]{64}") String apiKeySha256) {}
}
