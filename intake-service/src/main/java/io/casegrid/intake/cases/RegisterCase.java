package io.casegrid.intake.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.events.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A complaint or defect as an operator, inspector or app reports it. */
public record RegisterCase(
    @NotNull CaseKind kind,
    @NotNull Channel channel,
    @NotBlank @Size(max = 16) String categoryCode,
    Urgency urgency,
    @NotBlank @Size(max = 5000) String description,
    @Valid Position position,
    @Size(max = 500) String addressText,
    @Pattern(regexp = "\\d{16}", message = "must be a 16-digit component code") String assetCode,
    @NotNull @Valid Reporter reporter,
    @Valid ResolvedOnCall resolvedOnCall) {

  /**
   * The hotline answered the case on the call (a consultation, or a request no department needs to
   * handle): the case is kept, closed at first contact, and not routed. Hotline operators only.
   */
  public record ResolvedOnCall(@NotBlank @Size(max = 5000) String answer) {}

  /** WGS-84 coordinates in decimal degrees. */
  public record Position(
      @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
      @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

  /** Who reported the case; personal data, kept in intake only. */
  public record Reporter(
      @Size(max = 100) String name,
      @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "must be a phone number") String phone,
      boolean anonymous,
      boolean callbackConsent) {

    // A rule over the fields, not a field: neither read from a body nor offered in the schema.
    @JsonIgnore
    @AssertTrue(message = "an anonymous report carries no name or phone")
    public boolean isAnonymityKept() {
      return !anonymous || (name == null && phone == null);
    }
  }

  /** A registered asset places the case at the asset's position. */
  // A rule over the fields, not a field: neither read from a body nor offered in the schema.
  @JsonIgnore
  @AssertTrue(message = "a position, an asset code or an address is required")
  public boolean isPlaced() {
    return position != null
        || (assetCode != null && assetCode.matches("\\d{16}"))
        || (addressText != null && !addressText.isBlank());
  }
}
