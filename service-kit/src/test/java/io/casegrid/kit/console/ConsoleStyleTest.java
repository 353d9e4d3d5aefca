package io.casegrid.kit.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The consoles' colours meet WCAG 2's contrast for normal text (4.5:1) where text meets ground. */
class ConsoleStyleTest {

  /** Text colour and the background it is drawn on, as console.css uses them. */
  private static final List<List<String>> TEXT_ON_GROUND =
      List.of(
          List.of("text", "bg"),
          List.of("text", "surface"),
          List.of("muted", "surface"),
          List.of("muted", "bg"),
          List.of("muted", "disabled-bg"),
          List.of("primary", "surface"),
          List.of("primary", "bg"),
          List.of("primary-dark", "surface"),
          List.of("on-primary", "primary"),
          List.of("on-primary", "primary-dark"),
          List.of("on-topbar", "topbar"),
          List.of("danger", "surface"),
          List.of("danger", "danger-bg"),
          List.of("ok", "ok-bg"),
          List.of("ok", "surface"),
          List.of("warn", "warn-bg"),
          List.of("topbar", "map-grid"),
          List.of("text", "map-grid-selected"));

  @Test
  void everyTextColourStandsOutFromItsGroundByAtLeastFourAndAHalfToOne() throws IOException {
    Map<String, String> colours = colours();
    for (List<String> pair : TEXT_ON_GROUND) {
      double ratio = contrast(colours.get(pair.get(0)), colours.get(pair.get(1)));
      assertThat(ratio).as(pair.get(0) + " on " + pair.get(1)).isGreaterThanOrEqualTo(4.5);
    }
  }

  @Test
  void theFocusRingStandsOutFromEveryGround() throws IOException {
    Map<String, String> colours = colours();
    for (String ground : List.of("bg", "surface", "map-grid")) {
      // WCAG 2.2 asks 3:1 for what shows focus.
      assertThat(contrast(colours.get("focus"), colours.get(ground))).isGreaterThanOrEqualTo(3);
    }
  }

  private static Map<String, String> colours() throws IOException {
    try (InputStream in =
        ConsoleStyleTest.class.getResourceAsStream(
            "/META-INF/resources/console-assets/console.css")) {
      String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6});").matcher(css);
      Map<String, String> colours = new HashMap<>();
      while (m.find()) {
        colours.put(m.group(1), m.group(2));
      }
      return colours;
    }
  }

  private static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // WCAG 2 relative luminance of an sRGB colour.
  private static double luminance(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
