package io.casegrid.intake.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.casegrid.events.AssetFoundBy;
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

/**
 * A complaint or defect as an operator, inspector or app reports it. It is placed by its {@code
 * position}, or by {@code assetCode} alone at the asset's registered position, or by {@code
 * gridCode} alone in that grid (a report that knows its grid but not its point), or by {@code
 * addressText} for a dispatcher to place; a position wins over a grid. {@code mediaUrl} is a web
 * link to a photo or video of the problem kept elsewhere (Open311's {@code media_url}).
 */
public record RegisterCase(
    @NotNull CaseKind kind,
    @NotNull Channel channel,
    @NotBlank @Size(max = 16) String categoryCode,
    Urgency urgency,
    @NotBlank @Size(max = 5000) String description,
    @Valid Position position,
    @Size(max = 500) String addressText,
    @Pattern(regexp = "\\d{16}", message = "must be a 16-digit component code") String assetCode,
    @Pattern(regexp = "\\d{15}", message = "must be the 15-digit code of a grid") String gridCode,
    @Size(max = 2000) @Pattern(regexp = MEDIA_URL, message = "must be an http or https link")
        String mediaUrl,
    @NotNull @Valid Reporter reporter,
    @Valid ResolvedOnCall resolvedOnCall,
    AssetFoundBy assetFoundBy) {

  /** A report that does not say how its asset code was found: the reporter gave it. */
  public RegisterCase(
      CaseKind kind,
      Channel channel,
      String categoryCode,
      Urgency urgency,
      String description,
      Position position,
      String addressText,
      String assetCode,
      Reporter reporter,
      ResolvedOnCall resolvedOnCall) {
    this(
        kind,
        channel,
        categoryCode,
        urgency,
        description,
        position,
        addressText,
        assetCode,
        null,
        null,
        reporter,
        resolvedOnCall,
        null);
  }

  /**
   * An operator who chose the asset among those suggested near the position says so ({@code
   * SUGGESTION}); a code the reporter gave is {@code CODE}, the default.
   */
  @JsonIgnore
  @AssertTrue(message = "with an asset code, only CODE or SUGGESTION; without one, nothing")
  public boolean isAssetFoundByTold() {
    return assetFoundBy == null
        || (assetCode != null
            && (assetFoundBy == AssetFoundBy.CODE || assetFoundBy == AssetFoundBy.SUGGESTION));
  }

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

  /**
   * An absolute http or https link without white space, control, format (bidi) characters or
   * characters that would break out of an attribute or a markup element when a console shows it.
   */
  public static final String MEDIA_URL =
      "(?i)https?://[^\\s\\p{Cntrl}\\p{Cf}/?#<>\"'\\\\]+(?:[/?#][^\\s\\p{Cntrl}\\p{Cf}<>\"'\\\\]*)?";

  /** A registered asset places the case at the asset's position, a grid somewhere inside it. */
  // A rule over the fields, not a field: neither read from a body nor offered in the schema.
  @JsonIgnore
  @AssertTrue(message = "a position, an asset code, a grid code or an address is required")
  public boolean isPlaced() {
    return position != null
        || (assetCode != null && assetCode.matches("\\d{16}"))
        || (gridCode != null && gridCode.matches("\\d{15}"))
        || (addressText != null && !addressText.isBlank());
  }
}
