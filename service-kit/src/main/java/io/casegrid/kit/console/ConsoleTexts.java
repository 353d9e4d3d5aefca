package io.casegrid.kit.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consoles' texts in each language they speak: Chinese (zh-CN) first, English beside it. A
 * bundle is a pair of files {@code console/texts/<bundle>.<language>.properties} (UTF-8) on the
 * classpath: {@code kit} holds what every console shows, each service adds its own.
 */
public final class ConsoleTexts {

  /** The languages, the first the default. */
  public static final List<String> LANGUAGES = List.of("zh-CN", "en");

  /** The cookie that remembers a person's choice of language. */
  public static final String LANGUAGE_COOKIE = "casegrid-lang";

  /** The bundle of every console. */
  public static final String KIT = "kit";

  private static final Map<String, Map<String, String>> CACHE = new ConcurrentHashMap<>();

  private ConsoleTexts() {}

  /** A supported language: the one asked for, else the default. */
  public static String language(String asked) {
    return asked != null && LANGUAGES.contains(asked) ? asked : LANGUAGES.get(0);
  }

  /** The kit's texts and those of {@code bundle} in {@code language}, by key. */
  public static Map<String, String> of(String bundle, String language) {
    return CACHE.computeIfAbsent(
        bundle + "." + language,
        k -> {
          Map<String, String> texts = new TreeMap<>(load(KIT, language));
          texts.putAll(load(bundle, language));
          return Map.copyOf(texts);
        });
  }

  /** The keys of {@code bundle} that some language has and {@code language} lacks. */
  public static Set<String> missingKeys(String bundle, String language) {
    Set<String> all = new TreeSet<>();
    LANGUAGES.forEach(l -> all.addAll(load(bundle, l).keySet()));
    all.removeAll(load(bundle, language).keySet());
    return all;
  }

  /** One bundle's texts in one language; a missing file is a defect of the build. */
  public static Map<String, String> load(String bundle, String language) {
    String name = "console/texts/" + bundle + "." + language + ".properties";
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> texts = new TreeMap<>();
      properties.forEach((k, v) -> texts.put((String) k, (String) v));
      return texts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
