package io.casegrid.intake.open311;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.domain.DomainException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A service request as an Open311 client files it (POST {@code requests}), read into the
 * registration of a case of channel {@code OPEN311}: where it is ({@code lat}+{@code long}, {@code
 * address_string}, or {@code address_id}, the grid the city's reads give back), what it is, who
 * reported it, and a {@code media_url}. A field at fault is named as Open311 names it.
 */
final class Open311Filing {

  static final String ASSET_CODE = "asset_code";
  private static final int MAX_DESCRIPTION = 4000;

  private Open311Filing() {}

  static RegisterCase read(
      Open311Parameters fields, ReferenceCache.CategoryInfo category, Validator validator) {
    RegisterCase.Position position = position(fields.get("lat"), fields.get("long"));
    String address = fields.get("address_string");
    // The city's address ids are its grids (address_id as reads give it back); coordinates, when
    // given too, say more.
    String grid = position == null ? fields.get("address_id") : null;
    if (position == null && address == null && grid == null) {
      throw malformed("lat and long, address_string or address_id are required");
    }
    String description = fields.get("description");
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw malformed("description is longer than " + MAX_DESCRIPTION + " characters");
    }
    String name = name(fields.get("first_name"), fields.get("last_name"));
    String phone = fields.get("phone");
    RegisterCase request =
        new RegisterCase(
            category.kind() == CategoryKind.COMPONENT ? CaseKind.DEFECT : CaseKind.REPORT,
            Channel.OPEN311,
            category.code(),
            null,
            description != null ? description : category.name(),
            position,
            address,
            fields.get("attribute[" + ASSET_CODE + "]"),
            grid,
            fields.get("media_url"),
            new RegisterCase.Reporter(name, phone, name == null && phone == null, false),
            null,
            null);
    Set<ConstraintViolation<RegisterCase>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      ConstraintViolation<RegisterCase> v = violations.iterator().next();
      throw new DomainException(
          DomainException.Refusal.MALFORMED,
          "validation",
          v.getMessage(),
          List.of(new DomainException.Violation(v.getPropertyPath().toString(), v.getMessage())));
    }
    return request;
  }

  /** The Open311 name of a field of a registration, for error descriptions. */
  static String fieldName(String field) {
    return switch (field) {
      case "categoryCode" -> "service_code";
      case "description" -> "description";
      case "position", "position.latitude" -> "lat";
      case "position.longitude" -> "long";
      case "addressText", "placed" -> "address_string";
      case "assetCode" -> "attribute[" + ASSET_CODE + "]";
      case "gridCode" -> "address_id";
      case "mediaUrl" -> "media_url";
      case "reporter.name" -> "first_name/last_name";
      case "reporter.phone" -> "phone";
      default -> field;
    };
  }

  static DomainException malformed(String description) {
    return new DomainException(DomainException.Refusal.MALFORMED, "open311-request", description);
  }

  private static RegisterCase.Position position(String lat, String lon) {
    if (lat == null && lon == null) {
      return null;
    }
    if (lat == null || lon == null) {
      throw malformed("lat and long come together");
    }
    double latitude;
    double longitude;
    try {
      latitude = Double.parseDouble(lat);
      longitude = Double.parseDouble(lon);
    } catch (NumberFormatException e) {
      throw malformed("lat and long must be decimal degrees (WGS-84)");
    }
    if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) {
      throw malformed("lat or long is out of range");
    }
    return new RegisterCase.Position(latitude, longitude);
  }

  private static String name(String first, String last) {
    String name =
        String.join(" ", Arrays.stream(new String[] {first, last}).filter(s -> s != null).toList());
    return name.isBlank() ? null : name;
  }
}
