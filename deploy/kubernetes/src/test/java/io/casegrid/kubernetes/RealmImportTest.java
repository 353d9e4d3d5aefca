package io.casegrid.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The realm the cluster imports is deploy/keycloak's realm without what only the demo needs: its
 * users, the department groups of the demo city, the script client that allows the password grant
 * and the demo machine clients. The consoles' client keeps its settings, with the city's addresses
 * as placeholders. Run with -Dcasegrid.regenerate=true after changing the realm.
 */
class RealmImportTest {

  private static final Path COMMITTED = Repository.KUBERNETES.resolve("base/realm-import.yaml");
  private static final List<String> SERVICES = List.of("INTAKE", "DISPATCH", "SUPERVISION");
  private static final String HEADER =
      """
      # Generated from deploy/keycloak/casegrid-realm.json by RealmImportTest (deploy/kubernetes):
      # the realm without its demo users, demo departments and demo clients. The consoles' URLs
      # come from the Secret casegrid-realm-settings (an overlay's realm-settings.env). Regenerate:
      # ./mvnw -pl deploy/kubernetes -am verify -Dtest=RealmImportTest -Dcasegrid.regenerate=true
      """;

  @Test
  void theClusterImportsTheRealmWithoutWhatOnlyTheDemoNeeds() throws Exception {
    String generated = HEADER + yaml().writeValueAsString(realmImport());
    if (Boolean.getBoolean("casegrid.regenerate")) {
      Files.writeString(COMMITTED, generated);
    }
    assertThat(Files.readString(COMMITTED)).isEqualTo(generated);

    JsonNode realm = Kustomize.parse(generated).get(0).path("spec").path("realm");
    assertThat(realm.has("users")).isFalse();
    assertThat(realm.path("clients"))
        .extracting(c -> c.path("clientId").asText())
        .containsExactly("casegrid-web-console");
    assertThat(realm.path("clients").get(0).path("redirectUris").toString())
        .contains("${INTAKE_URL}/console/*")
        .doesNotContain("127.0.0.1");
    assertThat(realm.path("roles").path("realm"))
        .extracting(r -> r.path("name").asText())
        .contains("operator", "department-staff", "supervisor", "admin", "sensor-gateway");
  }

  private static ObjectNode realmImport() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode realm =
        (ObjectNode) json.readTree(Repository.read("deploy/keycloak/casegrid-realm.json"));
    realm.remove("users");
    for (JsonNode group : realm.path("groups")) {
      ((ObjectNode) group).putArray("subGroups");
    }
    ArrayNode clients = realm.putArray("clients");
    for (JsonNode client :
        json.readTree(Repository.read("deploy/keycloak/casegrid-realm.json")).path("clients")) {
      if (client.path("clientId").asText().equals("casegrid-web-console")) {
        ObjectNode console = (ObjectNode) client;
        ArrayNode redirects = console.putArray("redirectUris");
        SERVICES.forEach(s -> redirects.add("${" + s + "_URL}/console/*"));
        clients.add(console);
      }
    }
    ObjectNode resource = json.createObjectNode();
    resource.put("apiVersion", "k8s.keycloak.org/v2beta1");
    resource.put("kind", "KeycloakRealmImport");
    resource.putObject("metadata").put("name", "casegrid-realm");
    ObjectNode spec = resource.putObject("spec");
    spec.put("keycloakCRName", "casegrid-identity");
    spec.set("realm", realm);
    ObjectNode placeholders = spec.putObject("placeholders");
    for (String service : SERVICES) {
      placeholders
          .putObject(service + "_URL")
          .putObject("secret")
          .put("name", "casegrid-realm-settings")
          .put("key", service + "_URL");
    }
    return resource;
  }

  private static YAMLMapper yaml() {
    return YAMLMapper.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
        .build();
  }
}
