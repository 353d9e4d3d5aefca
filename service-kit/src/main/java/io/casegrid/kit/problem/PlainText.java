package io.casegrid.kit.problem;

/**
 * What text a service stores and shows to other people: every character but lone UTF-16 surrogates
 * (not text; PostgreSQL would store them as {@code ?}), control characters other than tab, line
 * feed and carriage return (NUL cannot be stored at all, and the others are invisible or move the
 * cursor), and the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
 * with which {@code "\u202Egnp.exe"} is displayed as "exe.png": what a person reads must be what is
 * stored. Text in JSON bodies is refused with such characters ({@link StrictJson}); a file name,
 * which a device chose rather than a person typed, is {@linkplain #strip stripped} of them.
 */
public final class PlainText {

  private PlainText() {}

  /** Why {@code text} is not plain text, or null if it is. */
  public static String problemOf(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain a lone UTF-16 surrogate (\\u" + hex(c) + ")";
      } else if (c == 0) {
        return "must not contain a NUL character";
      } else if (isControl(c)) {
        return "must not contain the control character \\u" + hex(c);
      } else if (isBidiControl(c)) {
        return "must not contain the bidirectional control \\u" + hex(c);
      }
    }
    return null;
  }

  /** {@code text} without the characters {@link #problemOf} refuses, tab and line breaks too. */
  public static String strip(String text) {
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        plain.append(c).append(text.charAt(++i));
      } else if (!Character.isSurrogate(c) && !Character.isISOControl(c) && !isBidiControl(c)) {
        plain.append(c);
      }
    }
    return plain.toString();
  }

  private static boolean isControl(char c) {
    return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
  }

  static boolean isBidiControl(char c) {
    return c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
