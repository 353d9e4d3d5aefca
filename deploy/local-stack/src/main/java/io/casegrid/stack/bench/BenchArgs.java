package io.casegrid.stack.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A benchmark's options, each {@code --name value}, a whole number with a default. */
final class BenchArgs {

  private BenchArgs() {}

  /**
   * The values of {@code args} over {@code defaults}; each at least 1, or 0 for those in {@code
   * mayBeNone}. An unknown, incomplete or too small option is refused, naming the options.
   */
  static Map<String, Integer> parse(
      String[] args, Map<String, Integer> defaults, Set<String> mayBeNone) {
    Map<String, Integer> values = new LinkedHashMap<>(defaults);
    String[] words = Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new);
    for (int i = 0; i < words.length; i += 2) {
      String name = words[i].replaceFirst("^--", "");
      if (!words[i].startsWith("--") || !values.containsKey(name) || i + 1 == words.length) {
        throw new IllegalArgumentException(
            "unknown or incomplete option " + words[i] + "; options: " + values);
      }
      int value = Integer.parseInt(words[i + 1]);
      int least = mayBeNone.contains(name) ? 0 : 1;
      if (value < least) {
        throw new IllegalArgumentException(words[i] + " must be at least " + least);
      }
      values.put(name, value);
    }
    return values;
  }
}
