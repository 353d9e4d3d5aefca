package io.casegrid.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.events.schema.SchemaCompatibility;
import io.casegrid.events.schema.SchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published schema of every event type (src/main/resources/schemas) is the contract. The code
 * may only change in ways the compatibility rules allow, and a compatible change is published
 * deliberately: run the build with {@code -Dcasegrid.publishSchemas=true} to rewrite the files,
 * then review and commit them.
 */
class PublishedSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PUBLISHED = Path.of("src/main/resources/schemas");

  @ParameterizedTest
  @EnumSource(EventType.class)
  void codeKeepsEveryPublishedSchemaCompatible(EventType type) throws IOException {
    JsonNode current = SchemaGenerator.schemaOf(type.payloadClass(), type.type());
    if (Boolean.getBoolean("casegrid.publishSchemas")) {
      Files.createDirectories(PUBLISHED);
      JSON.writerWithDefaultPrettyPrinter()
          .writeValue(PUBLISHED.resolve(type.type() + ".json").toFile(), current);
    }
    JsonNode published = published(type);

    assertThat(SchemaCompatibility.breakingChanges(published, current))
        .as("breaking changes to %s; publish a new type (.v2) instead", type.type())
        .isEmpty();
    assertThat(current)
        .as("%s changed compatibly but its schema was not republished", type.type())
        .isEqualTo(published);
  }

  private static JsonNode published(EventType type) throws IOException {
    Path file = PUBLISHED.resolve(type.schemaResource().substring("/schemas/".length()));
    assertThat(file).as("published schema of %s", type.type()).exists();
    return JSON.readTree(file.toFile());
  }
}
