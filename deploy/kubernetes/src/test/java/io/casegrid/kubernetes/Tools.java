package io.casegrid.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools the offline checks run, installed once per test run by
 * deploy/kubernetes/install-tools.sh when the machine lacks them (promtool; a recent kubectl).
 */
final class Tools {

  private static String kubectl;

  private Tools() {}

  /** Installs what is missing, once. */
  static synchronized void install() {
    if (kubectl == null) {
      kubectl = runScript();
    }
  }

  /** The kubectl to render with. */
  static String kubectl() {
    install();
    return kubectl;
  }

  // The script's last line of output names the kubectl.
  private static String runScript() {
    try {
      Process script =
          new ProcessBuilder("sh", Repository.KUBERNETES.resolve("install-tools.sh").toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!script.waitFor(600, TimeUnit.SECONDS) || script.exitValue() != 0) {
        throw new AssertionError("install-tools.sh failed (see its messages above)");
      }
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1].strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
