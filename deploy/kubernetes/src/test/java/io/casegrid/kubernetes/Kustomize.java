package io.casegrid.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize overlay as an operator does ({@code kubectl kustomize}), offline, with the
 * kubectl that deploy/kubernetes/install-tools.sh names: the machine's own when it is recent
 * enough, or one it fetched.
 */
final class Kustomize {

  static final List<String> OVERLAYS = List.of("small-city", "large-city");

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

  private Kustomize() {}

  /** The resources the overlay renders to, in order. */
  static List<ObjectNode> render(String overlay) {
    return RENDERED.computeIfAbsent(overlay, Kustomize::run);
  }

  static List<ObjectNode> of(String overlay, String kind) {
    return render(overlay).stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
  }

  static ObjectNode named(String overlay, String kind, String name) {
    return of(overlay, kind).stream()
        .filter(r -> r.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
  }

  private static List<ObjectNode> run(String overlay) {
    Path folder = Repository.KUBERNETES.resolve("overlays").resolve(overlay);
    try {
      Process kubectl =
          new ProcessBuilder(Tools.kubectl(), "kustomize", folder.toString())
              .redirectErrorStream(false)
              .start();
      byte[] out = kubectl.getInputStream().readAllBytes();
      String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + folder + " failed: " + err);
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The documents of a YAML stream, each a resource. */
  static List<ObjectNode> parse(String yaml) {
    List<ObjectNode> documents = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document instanceof ObjectNode resource) {
          documents.add(resource);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }
}
