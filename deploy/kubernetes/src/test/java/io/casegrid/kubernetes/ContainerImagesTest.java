package io.casegrid.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each service's image (its Dockerfile) starts the fast-jar as the user, on the port and with the
 * writable folder that the manifests of every overlay expect.
 */
class ContainerImagesTest {

  static final List<String> SERVICES = RenderedManifestsTest.SERVICES;

  /** What a Dockerfile declares, as far as the manifests depend on it. */
  record Image(
      List<String> entrypoint,
      int port,
      String user,
      Map<String, String> env,
      List<String> copied) {

    static Image of(String service) {
      String dockerfile =
          Repository.read(service + "-service/src/main/docker/Dockerfile")
              .replaceAll("\\\\\\n\\s*", " ");
      List<String> entrypoint = List.of();
      int port = -1;
      String user = null;
      Map<String, String> env = new HashMap<>();
      List<String> copied = new ArrayList<>();
      for (String line : dockerfile.lines().map(String::strip).toList()) {
        String[] instruction = line.split("\\s+", 2);
        switch (instruction[0]) {
          case "ENTRYPOINT" -> entrypoint = jsonArray(instruction[1]);
          case "EXPOSE" -> port = Integer.parseInt(instruction[1].strip());
          case "USER" -> user = instruction[1].strip();
          case "ENV" -> {
            for (String pair : instruction[1].strip().split("\\s+")) {
              String[] keyValue = pair.split("=", 2);
              env.put(keyValue[0], keyValue[1]);
            }
          }
          case "COPY" -> {
            String[] parts = instruction[1].split("\\s+");
            copied.add(parts[parts.length - 2]);
          }
          default -> {}
        }
      }
      return new Image(entrypoint, port, user, env, copied);
    }

    private static List<String> jsonArray(String text) {
      try {
        return List.of(new ObjectMapper().readValue(text, String[].class));
      } catch (Exception e) {
        throw new AssertionError("ENTRYPOINT is not in exec form: " + text, e);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void theImageRunsTheFastJarAsAnUnprivilegedUserOnItsPort(String service) {
    Image image = Image.of(service);
    assertThat(image.copied())
        .containsExactly(
            "target/quarkus-app/lib/",
            "target/quarkus-app/*.jar",
            "target/quarkus-app/app/",
            "target/quarkus-app/quarkus/");
    assertThat(RenderedManifestsTest.applicationProperties(service).stringPropertyNames())
        .as("the fast-jar is Quarkus' default packaging")
        .doesNotContain("quarkus.package.jar.type");
    assertThat(image.entrypoint())
        .startsWith("java")
        .endsWith("-jar", "/deployments/quarkus-run.jar")
        .contains("-Djava.io.tmpdir=/tmp");
    assertThat(image.env())
        .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(image.port()))
        .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    assertThat(image.user()).matches("[1-9][0-9]*");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void everyOverlayRunsTheImageAsItWasBuilt(String service) {
    Image image = Image.of(service);
    for (String overlay : Kustomize.OVERLAYS) {
      JsonNode deployment = Kustomize.named(overlay, "Deployment", service + "-service");
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      JsonNode container = RenderedManifestsTest.container(overlay, service);
      assertThat(container.path("image").asText()).startsWith("casegrid/" + service + "-service:");
      assertThat(container.has("command")).as("the image's own start command").isFalse();
      assertThat(container.has("args")).isFalse();
      assertThat(container.path("ports"))
          .extracting(p -> p.path("containerPort").asInt())
          .containsExactly(image.port());
      assertThat(container.path("env").findValuesAsText("name"))
          .doesNotContain("QUARKUS_HTTP_PORT", "QUARKUS_HTTP_HOST");
      assertThat(pod.path("securityContext").path("runAsUser").asText()).isEqualTo(image.user());
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        String port = container.path(probe).path("httpGet").path("port").asText();
        assertThat(port).as(probe).isIn("http", String.valueOf(image.port()));
      }
      JsonNode service_ = Kustomize.named(overlay, "Service", service + "-service");
      assertThat(service_.path("spec").path("ports").get(0).path("targetPort").asText())
          .isEqualTo("http");
      assertThat(
              deployment
                  .path("spec")
                  .path("template")
                  .path("metadata")
                  .path("annotations")
                  .path("prometheus.io/port")
                  .asText())
          .isEqualTo(String.valueOf(image.port()));
    }
  }
}
