package io.casegrid.intake.reference;

import java.util.Locale;
import java.util.Optional;

/**
 * The national rules of administrative division codes (行政区划代码), as the city's areas must keep them:
 * a district has 6 digits, a street 9, a community 12 and a grid 15 (national code lengths), and an
 * area's code starts with the code of the area it lies in, one level up (the prefix rule). Every
 * refusal names its rule and the offending value, so that an administrator can find it in the
 * city's own files.
 */
public final class AreaCodes {

  /** The rule of the code lengths. */
  public static final String LENGTH_RULE = "national code lengths";

  /** The rule of the prefix. */
  public static final String PREFIX_RULE = "prefix rule";

  private AreaCodes() {}

  /** The digits of a code of the level: 6, 9, 12 or 15. */
  public static int digits(AreaLevel level) {
    return 6 + 3 * level.ordinal();
  }

  /** The level a code's length gives, if it has one of the national lengths. */
  public static Optional<AreaLevel> levelOf(String code) {
    if (code == null || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return switch (code.length()) {
      case 6 -> Optional.of(AreaLevel.DISTRICT);
      case 9 -> Optional.of(AreaLevel.STREET);
      case 12 -> Optional.of(AreaLevel.COMMUNITY);
      case 15 -> Optional.of(AreaLevel.GRID);
      default -> Optional.empty();
    };
  }

  /**
   * What is wrong with a code for an area of {@code level} (null: any level), or empty if nothing.
   */
  public static Optional<String> codeProblem(String code, AreaLevel level) {
    if (code == null || code.isBlank()) {
      return Optional.of("is required");
    }
    Optional<AreaLevel> byLength = levelOf(code);
    if (byLength.isEmpty()) {
      return Optional.of(
          LENGTH_RULE
              + ": a code has 6 (district), 9 (street), 12 (community) or 15 (grid) digits; "
              + shown(code)
              + (code.chars().allMatch(c -> c >= '0' && c <= '9')
                  ? " has " + code.length()
                  : " is not all digits"));
    }
    if (level != null && byLength.get() != level) {
      return Optional.of(
          LENGTH_RULE
              + ": a "
              + level
              + " code has "
              + digits(level)
              + " digits; "
              + shown(code)
              + " has "
              + code.length());
    }
    return Optional.empty();
  }

  /**
   * What is wrong with {@code parent} as the parent of the area {@code code} of {@code level}, or
   * empty: a district has none, any other area the one a level up whose code prefixes its own.
   */
  public static Optional<String> parentProblem(String code, AreaLevel level, String parent) {
    if (level == AreaLevel.DISTRICT) {
      return parent == null
          ? Optional.empty()
          : Optional.of(
              PREFIX_RULE + ": a DISTRICT has no parent, yet " + shown(parent) + " is given");
    }
    if (parent == null) {
      return Optional.of(
          PREFIX_RULE
              + ": a "
              + level
              + " lies in the area whose code prefixes its own; none given");
    }
    AreaLevel above = AreaLevel.values()[level.ordinal() - 1];
    if (!code.startsWith(parent) || parent.length() != digits(above)) {
      return Optional.of(
          PREFIX_RULE
              + ": a "
              + level
              + "'s parent is the "
              + above
              + " whose "
              + digits(above)
              + "-digit code prefixes its own; "
              + shown(parent)
              + " is not that of "
              + shown(code));
    }
    return Optional.empty();
  }

  /** The level named by {@code text}, in any case ({@code district}, {@code Street}). */
  public static Optional<AreaLevel> parseLevel(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(AreaLevel.valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Why {@code text} is no level. */
  public static String levelProblem(String text) {
    return shown(text) + " is none of the levels DISTRICT, STREET, COMMUNITY, GRID";
  }

  // A value quoted as given, cut short if long.
  static String shown(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return "'" + (clean.length() > 40 ? clean.substring(0, 40) + "…" : clean) + "'";
  }
}
