package io.casegrid.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body is read as the client wrote it or refused with 400 naming the field: no value is guessed,
 * coerced or silently dropped. Bodies are read as Quarkus REST reads them (the service's
 * ObjectMapper, customised by {@link StrictJson}), and what the reader throws is answered by {@link
 * ProblemMappers} as the REST layer passes it on.
 */
class StrictJsonTest {

  enum Kind {
    COMPLAINT,
    DEFECT
  }

  record Position(Double latitude, Double longitude) {}

  record Body(
      String text,
      Boolean flag,
      boolean primitiveFlag,
      Integer count,
      Double value,
      OffsetDateTime at,
      Instant when,
      Kind kind,
      Position position,
      List<String> tags) {}

  record Pair(String caseId, String reason) {}

  private static final ObjectMapper MAPPER = strictMapper();

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    new StrictJson().customize(mapper);
    return mapper;
  }

  @Test
  void aKeyRepeatedAfterEveryFieldWasGivenIsRefusedNamingIt() {
    // Every parameter of the record was set when the repeated key came: Jackson then failed on a
    // definition error, which Quarkus answers 500 with an empty body.
    assertRefused(Pair.class, "{\"caseId\":\"a\",\"reason\":\"b\",\"reason\":\"c\"}", "reason");
  }

  @Test
  void aKeyRepeatedBeforeTheBodyIsCompleteIsRefusedRatherThanOneValueTaken() {
    assertRefused(Pair.class, "{\"reason\":\"b\",\"reason\":\"c\",\"caseId\":\"a\"}", "reason");
  }

  @Test
  void aKeyRepeatedInANestedObjectIsRefusedNamingItsPath() {
    assertRefused(
        Body.class,
        "{\"position\":{\"latitude\":30.2,\"latitude\":31,\"longitude\":120}}",
        "position.latitude");
  }

  @Test
  void aKeyRepeatedInAnItemOfAListIsRefusedNamingTheItem() {
    assertRefused(
        Pair[].class,
        "[{\"caseId\":\"a\",\"reason\":\"b\"},{\"caseId\":\"a\",\"caseId\":\"c\"}]",
        "[1].caseId");
  }

  @ParameterizedTest(name = "{0} into {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "123 | text",
        "true | text",
        "1.5 | text",
        "'\"true\"' | flag",
        "1 | flag",
        "1 | primitiveFlag",
        "'\"30\"' | count",
        "30.2 | count",
        "30.0 | count",
        "'\"30.2\"' | value",
        "1e400 | value",
        "-1e400 | value",
        "0 | at",
        "1700000000.5 | at",
        "1700000000 | when",
        "1 | kind",
        "'[1]' | tags",
        "'\"\\ud800\"' | text",
        "'\"a\\udc00b\"' | text",
        "'\"\\u202egnp.exe\"' | text",
        "'\"a\\u2066b\"' | text",
        "'\"a\\u200fb\"' | text",
        "'\"a\\u061cb\"' | text",
        "'\"bell\\u0007\"' | text",
        "'\"a\\u0085b\"' | text",
        "'\"a\\u0000b\"' | text",
      })
  void aValueOfAnotherTypeOrWithHiddenCharactersIsRefusedNamingTheField(String json, String field) {
    String path = field.equals("tags") ? "tags[0]" : field;
    assertRefused(Body.class, "{\"" + field + "\":" + json + "}", path);
  }

  @Test
  void aValidBodyIsReadAsWritten() throws IOException {
    Body body =
        MAPPER.readValue(
            "{\"text\":\"井盖\\t缺失\\r\\n😀 שלום\",\"flag\":true,\"primitiveFlag\":false,"
                + "\"count\":3,\"value\":30,\"at\":\"2026-11-23T09:00:00+08:00\","
                + "\"when\":\"2026-11-23T01:00:00Z\",\"kind\":\"DEFECT\","
                + "\"position\":{\"latitude\":30.215,\"longitude\":120},\"tags\":[\"a\"]}",
            Body.class);

    assertThat(body.text()).isEqualTo("井盖\t缺失\r\n😀 שלום");
    assertThat(body.value()).isEqualTo(30.0);
    assertThat(body.at()).isEqualTo(OffsetDateTime.parse("2026-11-23T09:00:00+08:00"));
    assertThat(body.when()).isEqualTo(Instant.parse("2026-11-23T01:00:00Z"));
    assertThat(body.kind()).isEqualTo(Kind.DEFECT);
    assertThat(body.position().longitude()).isEqualTo(120.0);
  }

  private static void assertRefused(Class<?> type, String json, String field) {
    Response response = answerTo(type, json);
    assertThat(response.getStatus()).as(json).isEqualTo(400);
    assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    Problem problem = (Problem) response.getEntity();
    assertThat(problem.errors()).as(json).extracting(Problem.FieldError::field).contains(field);
  }

  // As Quarkus REST's Jackson reader (3.27) passes on what Jackson throws: mismatches and
  // definition errors as they are, other reading and binding errors as a 400 around them.
  private static Response answerTo(Class<?> type, String json) {
    ProblemMappers mappers = new ProblemMappers();
    try {
      Object read = MAPPER.readValue(json, type);
      return Response.ok(read).build();
    } catch (MismatchedInputException e) {
      return mappers.unreadable(e);
    } catch (InvalidDefinitionException e) {
      return Response.serverError().build();
    } catch (StreamReadException | DatabindException e) {
      return mappers.web(new WebApplicationException(e, Response.Status.BAD_REQUEST));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
