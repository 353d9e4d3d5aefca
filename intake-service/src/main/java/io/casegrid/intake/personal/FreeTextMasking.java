package io.casegrid.intake.personal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Masks the phone numbers and resident ID numbers (居民身份证号) that people type into free text — a
 * description, a note, an address — before it leaves the hotline: every digit of such a number
 * becomes {@code *}, the rest of the text stays as written.
 *
 * <p>People write numbers in many ways: ASCII or full-width digits, Chinese numerals (一三九零…, 〇, 幺,
 * 壹贰叁…), or a mix, whole or in groups separated by spaces, dashes, dots or brackets, with or
 * without +86. The text is read as runs of digits of any of these kinds ("groups"); groups a
 * separator or two apart form a chain, and every stretch of whole groups of a chain is tried, the
 * longest first, as
 *
 * <ul>
 *   <li>a mobile number: 11 digits 1[3-9]…, optionally after 86 or 0086;
 *   <li>a fixed-line number with its area code: 010 or 02x and 8 digits, or 0xxx and 7 or 8; the
 *       area code a group of its own or run together with the number, and the number itself never
 *       starting with 0 or 1;
 *   <li>an 18-character resident ID number: a region, a birth date of 18xx–20xx, three digits and a
 *       check character (a digit or X);
 *   <li>a fixed-line number without its area code (7 or 8 digits, not starting with 0 or 1), only
 *       when a word such as 电话, 手机 or phone stands just before it.
 * </ul>
 *
 * Groups are never split, so the 15-digit case numbers and grid codes, the 16-digit asset codes,
 * dates, times, amounts and house numbers stay as they are: none of them is, as a whole, any of the
 * forms above. 15-digit ID numbers of before 1999 are left alone for the same reason: they cannot
 * be told from case numbers and grid codes.
 */
public final class FreeTextMasking {

  private static final Pattern MOBILE = Pattern.compile("(?:0086|86)?1[3-9]\\d{9}");
  private static final Pattern LANDLINE =
      Pattern.compile("0(?:10|2\\d)[2-9]\\d{7}|0[3-9]\\d{2}[2-9]\\d{6,7}");
  private static final Pattern AREA_CODE = Pattern.compile("0(?:10|2\\d|[3-9]\\d{2})");
  private static final Pattern LOCAL_NUMBER = Pattern.compile("[2-9]\\d{6,7}");
  private static final Pattern RESIDENT_ID =
      Pattern.compile(
          "[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dX]");
  private static final List<String> PHONE_WORDS =
      List.of("电话", "手机", "座机", "号码", "联系", "致电", "拨打", "微信", "tel", "phone", "mobile", "call");

  /** The longest number of any form (an ID number), in characters. */
  private static final int LONGEST = 18;

  private static final int MAX_SEPARATORS = 3;
  private static final int WORD_DISTANCE = 12;

  private FreeTextMasking() {}

  /** The text with every phone and ID number in it masked; null stays null. */
  public static String masked(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    int[] chars = text.codePoints().toArray();
    List<Group> groups = groups(chars);
    boolean[] hidden = new boolean[chars.length];
    int from = 0;
    while (from < groups.size()) {
      int to = from;
      while (to + 1 < groups.size() && linked(chars, groups.get(to), groups.get(to + 1))) {
        to++;
      }
      maskChain(chars, groups.subList(from, to + 1), hidden);
      from = to + 1;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < chars.length; i++) {
      out.appendCodePoint(hidden[i] ? '*' : chars[i]);
    }
    return out.toString();
  }

  /**
   * How a reader sees free text: as written for hotline operators, who take the calls and call
   * back; masked for everyone else.
   */
  public static UnaryOperator<String> forReader(boolean operator) {
    return operator ? UnaryOperator.identity() : FreeTextMasking::masked;
  }

  /** Whether the character is a digit in any of the forms people write phone numbers in. */
  public static boolean isDigit(int c) {
    return digit(c) >= 0;
  }

  /** A run of digits: where it starts and ends in the text, and its digits as ASCII. */
  private record Group(int start, int end, String digits) {}

  private static List<Group> groups(int[] chars) {
    List<Group> groups = new ArrayList<>();
    int i = 0;
    while (i < chars.length) {
      if (digit(chars[i]) < 0) {
        i++;
        continue;
      }
      int start = i;
      StringBuilder digits = new StringBuilder();
      while (i < chars.length && digit(chars[i]) >= 0) {
        digits.append((char) ('0' + digit(chars[i])));
        i++;
      }
      // The check character of an ID number may be an X (as a word's last letter: not 5x10).
      if (i < chars.length
          && isX(chars[i])
          && (i + 1 == chars.length || !Character.isLetterOrDigit(chars[i + 1]))) {
        digits.append('X');
        i++;
      }
      groups.add(new Group(start, i, digits.toString()));
    }
    return groups;
  }

  private static boolean linked(int[] chars, Group left, Group right) {
    int gap = right.start() - left.end();
    if (gap < 1 || gap > MAX_SEPARATORS) {
      return false;
    }
    for (int i = left.end(); i < right.start(); i++) {
      if (!isSeparator(chars[i])) {
        return false;
      }
    }
    return true;
  }

  // Each stretch of whole groups, the longest first from each start; a stretch that is a number is
  // masked and the search goes on after it.
  private static void maskChain(int[] chars, List<Group> chain, boolean[] hidden) {
    int i = 0;
    while (i < chain.size()) {
      int masked = -1;
      for (int j = lastWithin(chain, i); j >= i && masked < 0; j--) {
        if (isNumber(chars, chain.subList(i, j + 1))) {
          masked = j;
        }
      }
      if (masked < 0) {
        i++;
        continue;
      }
      for (int k = i; k <= masked; k++) {
        Group g = chain.get(k);
        for (int c = g.start(); c < g.end(); c++) {
          hidden[c] = true;
        }
      }
      i = masked + 1;
    }
  }

  private static int lastWithin(List<Group> chain, int first) {
    int length = 0;
    int j = first;
    while (j < chain.size() && length + chain.get(j).digits().length() <= LONGEST) {
      length += chain.get(j).digits().length();
      j++;
    }
    return j - 1;
  }

  private static boolean isNumber(int[] chars, List<Group> stretch) {
    StringBuilder all = new StringBuilder();
    stretch.forEach(g -> all.append(g.digits()));
    String digits = all.toString();
    if (MOBILE.matcher(digits).matches() || RESIDENT_ID.matcher(digits).matches()) {
      return true;
    }
    if (stretch.size() == 1 ? LANDLINE.matcher(digits).matches() : areaCodeApart(stretch)) {
      return true;
    }
    return LOCAL_NUMBER.matcher(digits).matches() && afterPhoneWord(chars, stretch.get(0).start());
  }

  // 0571-8888 1234: the area code a group of its own, the number the rest.
  private static boolean areaCodeApart(List<Group> stretch) {
    String first = stretch.get(0).digits();
    StringBuilder rest = new StringBuilder();
    stretch.subList(1, stretch.size()).forEach(g -> rest.append(g.digits()));
    return AREA_CODE.matcher(first).matches() && LOCAL_NUMBER.matcher(rest).matches();
  }

  private static boolean afterPhoneWord(int[] chars, int start) {
    int from = Math.max(0, start - WORD_DISTANCE);
    String before = new String(chars, from, start - from).toLowerCase(Locale.ROOT);
    return PHONE_WORDS.stream().anyMatch(before::contains);
  }

  private static final String CHINESE = "〇零一二三四五六七八九";
  private static final String FORMAL = "零壹贰叁肆伍陆柒捌玖";

  // The value of a digit, or -1: ASCII, full-width, Chinese numerals (幺 is how 1 is read out in
  // numbers) and their formal forms.
  private static int digit(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= '０' && c <= '９') {
      return c - '０';
    }
    if (c == '幺') {
      return 1;
    }
    int chinese = CHINESE.indexOf(c);
    if (chinese >= 0) {
      return chinese == 0 ? 0 : chinese - 1;
    }
    return FORMAL.indexOf(c);
  }

  private static boolean isX(int c) {
    return c == 'X' || c == 'x' || c == 'Ｘ' || c == 'ｘ';
  }

  private static boolean isSeparator(int c) {
    return switch (c) {
      case ' ',
          '\u00a0',
          '\u3000',
          '-',
          '\u2010',
          '\u2011',
          '\u2012',
          '\u2013',
          '\u2014',
          '－',
          '.',
          '．',
          '·',
          '・',
          '/',
          '(',
          ')',
          '（',
          '）' ->
          true;
      default -> false;
    };
  }
}
