package io.casegrid.citypackage;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The package's messages in the administrator's language: Simplified Chinese (zh-CN, the default)
 * or English. Each rule has one message with the offending value as {0} and the rule's own
 * arguments after it.
 */
public final class Messages {

  /** The languages a report is written in. */
  public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  public static final Locale ENGLISH = Locale.ENGLISH;

  private final ResourceBundle bundle;
  private final Locale locale;

  private Messages(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            "io.casegrid.citypackage.messages",
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** Chinese unless English is asked for (an {@code Accept-Language} or {@code --lang} of en). */
  public static Messages of(Locale locale) {
    return new Messages(
        locale != null && locale.getLanguage().equals("en") ? Locale.ROOT : CHINESE);
  }

  /** The language tag the messages are in: {@code zh-CN} or {@code en}. */
  public String language() {
    return locale.equals(Locale.ROOT) ? "en" : "zh-CN";
  }

  public String problem(Problem p) {
    List<Object> args = new ArrayList<>();
    args.add(p.value() == null ? "" : p.value());
    args.addAll(p.args());
    String text;
    try {
      text = bundle.getString(p.rule());
    } catch (MissingResourceException e) {
      text = p.rule() + ": {0}";
    }
    return new MessageFormat(text, locale.equals(Locale.ROOT) ? Locale.ENGLISH : CHINESE)
        .format(args.toArray());
  }

  /** A text of the command's own (headings, summaries), with its arguments. */
  public String text(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }
}
