package io.casegrid.kit.bulletin;

import java.util.List;

/**
 * A bulletin as words and tables, in one language, ready to print: the same content goes out as
 * HTML (the kit's {@code templates/bulletin.html}, shared by every service that prints one) and as
 * CSV.
 *
 * @param facts lines under the title (period, zone, when generated)
 * @param otherLanguage the name of the other language and the link to this bulletin in it, or null
 *     when the bulletin has no other language
 */
public record Document(
    String language,
    String title,
    List<String> facts,
    String otherLanguage,
    String otherLanguageHref,
    List<Section> sections) {

  /**
   * A titled table; {@code note} says what the table leaves out (nothing, or rows beyond the
   * limit), or is null.
   */
  public record Section(
      String heading, List<String> columns, List<List<String>> rows, String note) {}
}
