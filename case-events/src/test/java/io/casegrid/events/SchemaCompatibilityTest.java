package io.casegrid.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.casegrid.events.schema.SchemaCompatibility;
import io.casegrid.events.schema.SchemaGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

  record Published(String caseNumber, Urgency urgency, @Nullable String note, List<Location> at) {}

  record FieldRemoved(Urgency urgency, @Nullable String note, List<Location> at) {}

  record MadeNullable(
      @Nullable String caseNumber, Urgency urgency, @Nullable String note, List<Location> at) {}

  record TypeChanged(long caseNumber, Urgency urgency, @Nullable String note, List<Location> at) {}

  record OptionalAdded(
      String caseNumber,
      Urgency urgency,
      @Nullable String note,
      List<Location> at,
      @Nullable Instant seenAt) {}

  record Consequence(String what, @Nullable String step) {}

  record OptionalObjectAdded(
      String caseNumber,
      Urgency urgency,
      @Nullable String note,
      List<Location> at,
      @Nullable Consequence consequence) {}

  record RequiredAdded(
      String caseNumber, Urgency urgency, @Nullable String note, List<Location> at, Instant seen) {}

  record NestedFieldRemoved(
      String caseNumber, Urgency urgency, @Nullable String note, List<GeoPoint> at) {}

  enum FewerUrgencies {
    NORMAL,
    URGENT
  }

  record EnumShrunk(
      String caseNumber, FewerUrgencies urgency, @Nullable String note, List<Location> at) {}

  private static JsonNode schema(Class<? extends Record> type) {
    return SchemaGenerator.schemaOf(type, "test");
  }

  private static List<String> changesTo(Class<? extends Record> type) {
    return SchemaCompatibility.breakingChanges(schema(Published.class), schema(type));
  }

  @Test
  void acceptsTheSameSchema() {
    assertThat(changesTo(Published.class)).isEmpty();
  }

  @Test
  void acceptsANewOptionalField() {
    assertThat(changesTo(OptionalAdded.class)).isEmpty();
  }

  @Test
  void acceptsANewOptionalObjectWhoseOwnFieldsAreRequiredWhenItIsThere() {
    assertThat(schema(OptionalObjectAdded.class).at("/properties/consequence/required")).hasSize(1);
    assertThat(changesTo(OptionalObjectAdded.class)).isEmpty();
  }

  @Test
  void rejectsARemovedField() {
    assertThat(changesTo(FieldRemoved.class)).containsExactly("'caseNumber' was removed");
  }

  @Test
  void rejectsARequiredFieldThatMayNowBeNull() {
    assertThat(changesTo(MadeNullable.class))
        .anySatisfy(p -> assertThat(p).startsWith("'caseNumber' changed type"));
  }

  @Test
  void rejectsAChangedType() {
    assertThat(changesTo(TypeChanged.class))
        .containsExactly("'caseNumber' changed type from [string] to [integer]");
  }

  @Test
  void rejectsANewRequiredFieldBecauseOldEventsLackIt() {
    assertThat(changesTo(RequiredAdded.class))
        .containsExactly("'seen' is new and required: old events do not have it");
  }

  @Test
  void rejectsAFieldRemovedInsideAListOfObjects() {
    assertThat(changesTo(NestedFieldRemoved.class)).contains("'at[].districtCode' was removed");
  }

  @Test
  void rejectsALostEnumerationValue() {
    assertThat(changesTo(EnumShrunk.class))
        .containsExactly("'urgency' lost the enumeration value EMERGENCY");
  }
}
