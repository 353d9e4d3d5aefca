package io.casegrid.dispatch.routing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a case's rule reference says, taken apart so that a reader can be told in words which rule,
 * for which category, sent the case to which department: {@code
 * catalogue:0102@city#2027-01-01T00:00:00Z->territory:339901001} is the city's rule for 0102, in
 * effect from that moment, sending the case to the territorial office of street 339901001.
 *
 * @param kind what placed the case
 * @param categoryCode the rule's category (catalogue rules)
 * @param districtCode the rule's district; null for a city-wide rule
 * @param effectiveFrom when the rule took effect; null when it always was
 * @param areaCode the street or community whose territorial office took the case
 * @param departmentCode the department a reference names itself (an asset's owner, a returner, a
 *     referrer)
 * @param dispatcher the dispatcher who placed the case by hand
 */
public record RuleReference(
    Kind kind,
    String categoryCode,
    String districtCode,
    Instant effectiveFrom,
    String areaCode,
    String departmentCode,
    String dispatcher) {

  /** What placed the case. */
  public enum Kind {
    /** A rule of the routing catalogue. */
    CATALOGUE,
    /** The registered owner of the case's asset. */
    ASSET_OWNER,
    /** No rule: the territorial office of the case's street (属地兜底). */
    TERRITORIAL_FALLBACK,
    /** A dispatcher, by hand. */
    DISPATCHER,
    /** Nothing: the case waits for a dispatcher. */
    ARBITRATION,
    /** A department's return (退单) sent it back to the dispatchers. */
    RETURNED,
    /** A department referred it to the asset's owner. */
    REFERRAL
  }

  private static final Pattern CATALOGUE =
      Pattern.compile("catalogue:([^@]+)@([^#\\->]+)(?:#([^>]+?))?(?:->territory:(\\d+))?");

  /** The reference taken apart; empty for one this version does not know. */
  public static Optional<RuleReference> parse(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    Matcher catalogue = CATALOGUE.matcher(reference);
    if (catalogue.matches()) {
      Instant from;
      try {
        from = catalogue.group(3) == null ? null : Instant.parse(catalogue.group(3));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
      // Rules loaded without a date were once written with the epoch: they always were in effect.
      return Optional.of(
          new RuleReference(
              Kind.CATALOGUE,
              catalogue.group(1),
              catalogue.group(2).equals("city") ? null : catalogue.group(2),
              Instant.EPOCH.equals(from) ? null : from,
              catalogue.group(4),
              null,
              null));
    }
    int colon = reference.indexOf(':');
    String prefix = colon < 0 ? reference : reference.substring(0, colon);
    String rest = colon < 0 ? "" : reference.substring(colon + 1);
    return switch (prefix) {
      case "asset-owner" -> Optional.of(of(Kind.ASSET_OWNER, null, rest, null));
      case "territory" -> Optional.of(of(Kind.TERRITORIAL_FALLBACK, rest, null, null));
      case "dispatcher" -> Optional.of(of(Kind.DISPATCHER, null, null, rest));
      case "no-rule", "no-territory" -> Optional.of(of(Kind.ARBITRATION, null, null, null));
      case "returned-by" -> Optional.of(of(Kind.RETURNED, null, rest, null));
      case "referral" ->
          Optional.of(
              of(Kind.REFERRAL, null, rest.substring(0, Math.max(rest.indexOf(':'), 0)), null));
      default -> Optional.empty();
    };
  }

  private static RuleReference of(Kind kind, String area, String department, String dispatcher) {
    return new RuleReference(kind, null, null, null, area, department, dispatcher);
  }
}
