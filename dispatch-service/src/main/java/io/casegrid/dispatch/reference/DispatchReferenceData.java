package io.casegrid.dispatch.reference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Dispatch's reference data as an administrator loads it: departments (承办单位), the streets each
 * territorial office covers, and the routing catalogue. Loading is an upsert by code.
 */
public record DispatchReferenceData(
    @Valid @Size(max = 10_000) List<@NotNull Department> departments,
    @Valid @Size(max = 100_000) List<@NotNull Territory> territories,
    @Valid @Size(max = 100_000) List<@NotNull RoutingRule> routingRules) {

  public DispatchReferenceData {
    departments = departments == null ? List.of() : departments;
    territories = territories == null ? List.of() : territories;
    routingRules = routingRules == null ? List.of() : routingRules;
  }

  /** A department that works cases. */
  public record Department(
      @NotBlank @Pattern(regexp = "[A-Z0-9_-]{2,64}") String code,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String nameEn,
      @NotNull DepartmentKind kind,
      @Pattern(regexp = "[A-Z0-9_-]{2,64}") String parentCode) {}

  /** The territorial office responsible for a street (属地). */
  public record Territory(
      @NotBlank @Pattern(regexp = "\\d{9}") String streetCode, @NotBlank String departmentCode) {}

  /**
   * Category × district → lead department and co-handlers; no district means city-wide. A rule
   * takes effect at {@code effectiveFrom} (always, if absent) and replaces the one before it.
   */
  public record RoutingRule(
      @NotBlank @Size(max = 16) String categoryCode,
      @Pattern(regexp = "\\d{6}") String districtCode,
      @NotBlank String departmentCode,
      List<@NotBlank String> coHandlerCodes,
      OffsetDateTime effectiveFrom) {}
}
