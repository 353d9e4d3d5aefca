package io.casegrid.dispatch.reference;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.casegrid.dispatch.routing.Router;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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

  /**
   * The territorial office responsible for a street or a community (属地): one of {@code streetCode}
   * (9 digits) and {@code communityCode} (12 digits).
   */
  public record Territory(
      @Pattern(regexp = "\\d{9}") String streetCode,
      @Pattern(regexp = "\\d{12}") String communityCode,
      @NotBlank String departmentCode) {

    /** The street's office. */
    public Territory(String streetCode, String departmentCode) {
      this(streetCode, null, departmentCode);
    }

    // A rule over the fields, not a field: neither read from a body nor offered in the schema.
    @JsonIgnore
    @AssertTrue(message = "names a street or a community, one of them")
    public boolean isOneArea() {
      return (streetCode == null) != (communityCode == null);
    }

    /** The street's or the community's code. */
    public String areaCode() {
      return streetCode != null ? streetCode : communityCode;
    }
  }

  /**
   * Category × district → lead and co-handlers; no district means city-wide, and a district's rule
   * overrides the city's. The lead is a named department ({@code departmentCode}) or the
   * territorial office (属地) of the case's street or community ({@code territorialOffice}), one of
   * them. A rule takes effect at {@code effectiveFrom} (always, if absent) and replaces the one
   * before it.
   */
  public record RoutingRule(
      @NotBlank @Size(max = 16) String categoryCode,
      @Pattern(regexp = "\\d{6}") String districtCode,
      @Pattern(regexp = "[A-Z0-9_-]{2,64}") String departmentCode,
      Router.TerritorialOffice territorialOffice,
      List<@NotBlank String> coHandlerCodes,
      OffsetDateTime effectiveFrom) {

    /** A rule naming a department. */
    public RoutingRule(
        String categoryCode,
        String districtCode,
        String departmentCode,
        List<String> coHandlerCodes,
        OffsetDateTime effectiveFrom) {
      this(categoryCode, districtCode, departmentCode, null, coHandlerCodes, effectiveFrom);
    }

    // A rule over the fields, not a field: neither read from a body nor offered in the schema.
    @JsonIgnore
    @AssertTrue(message = "names a department or a territorial office, one of them")
    public boolean isOneTarget() {
      return (departmentCode == null) != (territorialOffice == null);
    }
  }
}
