package io.casegrid.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Hostile input against every endpoint of a service that {@code docs/SECURITY.md} lists: injection
 * strings in every path parameter, query parameter and string field of the body (as the service's
 * OpenAPI document names them), oversize and deeply nested JSON, wrong content types, malformed
 * JSON, forged, expired and foreign tokens, and a member of another department. Every answer must
 * be 4xx problem+json, never 5xx, and a refused request must leave every table of the service's
 * database as it was. An injection string may be accepted (2xx) only in a free-text field (a string
 * without pattern, format or enumeration), and then it must be stored as the literal string.
 */
public final class HostileInput {

  /** Strings an attacker tries: SQL, script, template and JNDI injection, traversal, NUL. */
  public static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "1; DROP TABLE case_record; --",
          "\" OR 1=1 --",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1:1/a}",
          "../../../../etc/passwd",
          "..\\..\\windows\\win.ini",
          "a\u0000b",
          "%00%27",
          "x".repeat(3000));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final String service;
  private final String database;
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private final Map<String, Object> bodies = new LinkedHashMap<>();
  private Connection connection;
  private List<String> tables;
  private List<String[]> textColumns;

  private HostileInput(String service, String database) {
    this.service = service;
    this.database = database;
  }

  /** The attacks on {@code service}, whose tables are in {@code database}. */
  public static HostileInput against(String service, String database) {
    return new HostileInput(service, database);
  }

  /** The value of a path parameter (as {@code docs/SECURITY.md} names it) that is valid. */
  public HostileInput path(String parameter, String value) {
    pathValues.put(parameter, value);
    return this;
  }

  /**
   * A valid body of an endpoint ({@code "POST /api/cases"}, as the table writes it): the attacks on
   * its fields change one field at a time. Endpoints without one are attacked with {@code {}}.
   */
  public HostileInput body(String endpoint, Map<String, Object> body) {
    bodies.put(endpoint, body);
    return this;
  }

  /** A valid body that is a list (of objects), such as a batch: its first item is attacked. */
  public HostileInput body(String endpoint, List<Map<String, Object>> body) {
    bodies.put(endpoint, body);
    return this;
  }

  /** One test per attack on every endpoint of the service. */
  public Stream<DynamicTest> attacks() {
    JsonNode openApi =
        read(RestAssured.given().queryParam("format", "json").get("/q/openapi").asString());
    List<DynamicTest> tests = new ArrayList<>();
    for (AccessMatrix.Row row : AccessMatrix.rows(service)) {
      JsonNode operation = operationOf(openApi, row);
      String admitted =
          row.expected().entrySet().stream()
              .filter(e -> e.getValue().equals("ok"))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (admitted == null) {
        continue;
      }
      Endpoint endpoint = new Endpoint(row, admitted, operation, openApi);
      endpoint.attacks(tests);
    }
    return tests.stream();
  }

  /** What is known of one endpoint, and the requests that attack it. */
  private final class Endpoint {
    final AccessMatrix.Row row;
    final String caller;
    final String path;
    final String query;
    final List<String> queryParameters = new ArrayList<>();
    final Map<String, Boolean> fields = new TreeMap<>();
    final Map<String, String> scalars = new TreeMap<>();
    final boolean takesBody;
    final Object body;

    Endpoint(AccessMatrix.Row row, String caller, JsonNode operation, JsonNode openApi) {
      this.row = row;
      this.caller = caller;
      int q = row.path().indexOf('?');
      this.path = q < 0 ? row.path() : row.path().substring(0, q);
      this.query = q < 0 ? "" : row.path().substring(q + 1);
      for (JsonNode p : operation.path("parameters")) {
        if (p.path("in").asText().equals("query")) {
          queryParameters.add(p.path("name").asText());
        }
      }
      JsonNode schema = operation.path("requestBody").path("content").path("application/json");
      this.takesBody = !schema.isMissingNode();
      if (takesBody) {
        stringFields(openApi, schema.path("schema"), "", fields, 0);
        scalarFields(openApi, schema.path("schema"), "", scalars, 0);
      }
      this.body = bodies.getOrDefault(row.method() + " " + row.path(), Map.of());
    }

    String name() {
      return row.method() + " " + row.path();
    }

    void attacks(List<DynamicTest> tests) {
      for (String parameter : parametersOf(path)) {
        for (String s : INJECTIONS) {
          add(
              tests,
              "path {" + parameter + "} = " + shown(s),
              () -> send(pathWith(parameter, encode(s)), query, body),
              Expect.REFUSED);
        }
        add(
            tests,
            "path {" + parameter + "} traverses unencoded",
            () -> send(pathWith(parameter, "../../../../etc/passwd"), query, body),
            Expect.REFUSED);
      }
      for (String parameter : queryParameters) {
        for (String s : INJECTIONS) {
          add(
              tests,
              "query " + parameter + " = " + shown(s),
              () -> send(pathWith(null, null), withQuery(parameter, s), body),
              Expect.REFUSED);
        }
      }
      fields.forEach(
          (field, freeText) -> {
            for (String s : INJECTIONS) {
              Expect expect = freeText ? Expect.REFUSED_OR_LITERAL.with(s) : Expect.REFUSED;
              add(
                  tests,
                  "body " + field + " = " + shown(s),
                  () -> send(pathWith(null, null), query, with(body, field, s)),
                  expect);
            }
          });
      if (takesBody) {
        bodyAttacks(tests);
        strictnessAttacks(tests);
      } else if (!row.method().equals("GET")) {
        // A command without a body must not be carried out with an oversize one either.
        String huge = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
        add(
            tests,
            "an oversize body chunked, where none is expected",
            () -> sendRaw("application/json", huge.getBytes(StandardCharsets.UTF_8), true),
            Expect.status(413));
      }
      tokenAttacks(tests);
      if (row.expected().getOrDefault("other staff", "").equals("403")
          && row.expected().getOrDefault("staff", "").equals("ok")) {
        add(
            tests,
            "as a member of another department",
            () -> send(AccessMatrix.as("other staff"), pathWith(null, null), query, json(body)),
            Expect.status(403));
      }
    }

    void bodyAttacks(List<DynamicTest> tests) {
      String huge = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
      add(
          tests,
          "a body over 1 MB with its length",
          () -> sendRaw("application/json", huge.getBytes(StandardCharsets.UTF_8), false),
          Expect.status(413));
      add(
          tests,
          "a body over 1 MB chunked",
          () -> sendRaw("application/json", huge.getBytes(StandardCharsets.UTF_8), true),
          Expect.status(413));
      add(
          tests,
          "100000 nested arrays",
          () ->
              sendRaw(
                  "application/json", "[".repeat(100_000).getBytes(StandardCharsets.UTF_8), false),
          Expect.status(400));
      add(
          tests,
          "100000 nested objects",
          () ->
              sendRaw(
                  "application/json",
                  "{\"a\":".repeat(100_000).getBytes(StandardCharsets.UTF_8),
                  false),
          Expect.status(400));
      add(
          tests,
          "malformed JSON",
          () -> sendRaw("application/json", "{\"a\": ".getBytes(StandardCharsets.UTF_8), false),
          Expect.status(400));
      add(
          tests,
          "JSON with trailing garbage",
          () ->
              sendRaw(
                  "application/json", (json(body) + "}}").getBytes(StandardCharsets.UTF_8), false),
          Expect.REFUSED);
      add(
          tests,
          "not UTF-8",
          () ->
              sendRaw(
                  "application/json",
                  new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                  false),
          Expect.REFUSED);
      add(
          tests,
          "the JSON null",
          () -> sendRaw("application/json", "null".getBytes(StandardCharsets.UTF_8), false),
          Expect.status(400));
      add(
          tests,
          "an array instead of an object",
          () -> sendRaw("application/json", "[]".getBytes(StandardCharsets.UTF_8), false),
          Expect.status(400));
      add(
          tests,
          "text/plain",
          () -> sendRaw("text/plain", json(body).getBytes(StandardCharsets.UTF_8), false),
          Expect.status(415));
      add(
          tests,
          "application/xml",
          () ->
              sendRaw(
                  "application/xml",
                  "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>"
                      .getBytes(StandardCharsets.UTF_8),
                  false),
          Expect.status(415));
      add(
          tests,
          "multipart/form-data",
          () ->
              sendRaw(
                  "multipart/form-data; boundary=x",
                  ("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\n\r\n"
                          + json(body)
                          + "\r\n--x--\r\n")
                      .getBytes(StandardCharsets.UTF_8),
                  false),
          Expect.status(415));
    }

    /**
     * What a lenient reader would take and store as something else: a key given twice, a value of
     * another type in every field, numbers out of range, text that is not plain text (a lone
     * surrogate, a bidirectional or other control character), a body without a type or in another
     * character set. Each must be refused, a field's with 400 naming it.
     */
    void strictnessAttacks(List<DynamicTest> tests) {
      String valid = json(body);
      String object = body instanceof List<?> ? firstItem(valid) : valid;
      String first = firstKey(object).orElse("x");
      String last = lastKey(object).orElse("x");
      String prefix = body instanceof List<?> ? "[0]." : "";
      add(
          tests,
          "the key " + last + " repeated after all others",
          () -> sendJson(withObject(valid, object, repeatedLast(object, last))),
          Expect.field(prefix + last));
      add(
          tests,
          "the key " + first + " repeated first",
          () -> sendJson(withObject(valid, object, repeatedFirst(object, first))),
          Expect.field(prefix + first));
      Map<String, List<String>> wrong = new LinkedHashMap<>();
      wrong.put(
          "string", List.of("123", "true", "\"\\ud800\"", "\"\\u202egnp.exe\"", "\"a\\u0007b\""));
      wrong.put("boolean", List.of("\"true\"", "1"));
      wrong.put("integer", List.of("\"30\"", "30.5"));
      wrong.put("number", List.of("\"30.2\"", "1e400"));
      scalars.forEach(
          (field, type) -> {
            for (String value : wrong.getOrDefault(type, List.of())) {
              add(
                  tests,
                  "body " + field + " = " + value,
                  () -> sendJson(json(with(body, field, new RawValue(value)))),
                  Expect.field(field));
            }
          });
      byte[] utf8 = valid.getBytes(StandardCharsets.UTF_8);
      add(
          tests,
          "a body without a Content-Type",
          () -> sendRaw(null, utf8, false),
          Expect.status(415));
      add(
          tests,
          "JSON declared as UTF-16, sent in UTF-8",
          () -> sendRaw("application/json; charset=utf-16", utf8, false),
          Expect.status(415));
      add(
          tests,
          "JSON in UTF-16",
          () ->
              sendRaw(
                  "application/json; charset=utf-16",
                  valid.getBytes(StandardCharsets.UTF_16),
                  false),
          Expect.status(415));
    }

    Answer sendJson(String json) {
      return sendRaw("application/json", json.getBytes(StandardCharsets.UTF_8), false);
    }

    void tokenAttacks(List<DynamicTest> tests) {
      String user = AccessMatrix.PEOPLE.get(caller);
      Supplier<String> real = this::token;
      Map<String, Supplier<String>> forged = new LinkedHashMap<>();
      forged.put(
          "signed by another key with the same kid", () -> Tokens.signedByAnotherKey(real.get()));
      forged.put("alg none", () -> Tokens.unsigned(real.get()));
      forged.put(
          "a changed payload under the original signature",
          () -> Tokens.withChangedPayload(real.get()));
      forged.put("garbage", () -> "abc.def.ghi");
      if (user != null) {
        IdentityProvider identity = TestInfrastructure.shared().identity();
        forged.put("expired", () -> identity.tokenFor(user, Instant.now().minusSeconds(600)));
        forged.put(
            "for another audience",
            () -> identity.tokenFor(user, c -> c.put("aud", "another-service")));
        forged.put(
            "from another issuer",
            () -> identity.tokenFor(user, c -> c.put("iss", "http://127.0.0.1:1/realms/evil")));
      }
      forged.forEach(
          (what, token) ->
              add(
                  tests,
                  "a token " + what,
                  () ->
                      send(
                          RestAssured.given().auth().oauth2(token.get()),
                          pathWith(null, null),
                          query,
                          json(body)),
                  Expect.status(401)));
    }

    void add(List<DynamicTest> tests, String attack, Supplier<Answer> request, Expect expect) {
      // Open311 endpoints answer in the Open311 error format ([{code, description}] or <errors>).
      boolean open311 = path.startsWith("/open311/");
      tests.add(
          DynamicTest.dynamicTest(
              name() + ": " + attack,
              () -> check(name() + ": " + attack, request, expect, open311)));
    }

    // The path with valid values, but {@code raw} (sent as it is) for {@code parameter}.
    String pathWith(String parameter, String raw) {
      String p = path;
      for (String name : parametersOf(path)) {
        String v = name.equals(parameter) ? raw : pathValues.get(name);
        assertTrue(v != null, "no value for the path parameter {" + name + "} of " + name());
        p = p.replace("{" + name + "}", v);
      }
      return p;
    }

    String withQuery(String parameter, String value) {
      StringBuilder q = new StringBuilder();
      for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
        if (!pair.startsWith(parameter + "=")) {
          q.append(pair).append('&');
        }
      }
      return q.append(parameter).append('=').append(encode(value)).toString();
    }

    Answer send(String path, String query, Object body) {
      return send(AccessMatrix.as(caller), path, query, json(body));
    }

    Answer send(RequestSpecification request, String path, String query, String body) {
      request = request.urlEncodingEnabled(false);
      if (!row.method().equals("GET")) {
        request = request.contentType("application/json").body(body);
      }
      return Answer.of(request.request(row.method(), query.isEmpty() ? path : path + "?" + query));
    }

    Answer sendRaw(String contentType, byte[] bytes, boolean chunked) {
      String target = pathWith(null, null) + (query.isEmpty() ? "" : "?" + query);
      if (chunked) {
        return chunked(contentType, bytes, target);
      }
      RequestSpecification request = AccessMatrix.as(caller).urlEncodingEnabled(false);
      if (contentType != null) {
        // As given: REST Assured would otherwise add a charset of its own.
        request =
            request
                .config(
                    RestAssured.config()
                        .encoderConfig(
                            EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType);
      }
      return Answer.of(request.body(bytes).request(row.method(), target));
    }

    // A real token of the admitted caller.
    String token() {
      AccessTokens tokens = TestInfrastructure.shared().tokens();
      String user = AccessMatrix.PEOPLE.get(caller);
      Map.Entry<String, String> client =
          caller.equals("open311") ? DemoUsers.OPEN311_CLIENT : DemoUsers.SENSOR_CLIENT;
      return user != null
          ? tokens.forUser(user)
          : tokens.forClient(client.getKey(), client.getValue());
    }

    Answer chunked(String contentType, byte[] bytes, String target) {
      return HostileInput.chunked(row.method(), target, token(), contentType, bytes);
    }
  }

  /**
   * Sends a body without a Content-Length (streamed in chunks of unknown total length), as {@code
   * token}'s holder: the status, content type and body of the answer.
   */
  public static Answer chunked(
      String method, String target, String token, String contentType, byte[] bytes) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + target))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the service answered. */
  public record Answer(int status, String contentType, String body) {
    static Answer of(Response response) {
      return new Answer(response.statusCode(), response.contentType(), response.asString());
    }
  }

  /** What an attack may be answered with. */
  private record Expect(int status, String literal, boolean literalAllowed, String field) {
    static final Expect REFUSED = new Expect(0, null, false, null);
    static final Expect REFUSED_OR_LITERAL = new Expect(0, null, true, null);

    static Expect status(int status) {
      return new Expect(status, null, false, null);
    }

    /** 400 problem+json whose errors name {@code field}. */
    static Expect field(String field) {
      return new Expect(400, null, false, field);
    }

    Expect with(String literal) {
      return new Expect(status, literal, literalAllowed, null);
    }
  }

  private void check(String attack, Supplier<Answer> request, Expect expect, boolean open311) {
    Map<String, Long> before = rowCounts();
    Answer response = request.get();
    int status = response.status();
    String seen = attack + " answered " + status + ": " + shown(response.body());
    assertTrue(status < 500, seen);
    if (status >= 200 && status < 300 && expect.literalAllowed()) {
      assertTrue(
          storedLiterally(expect.literal()),
          seen + ", but the string is not stored as it was sent");
      return;
    }
    if (expect.status() != 0) {
      assertEquals(expect.status(), status, seen);
    } else {
      assertTrue(status >= 400, seen + ", expected a refusal");
    }
    String type = String.valueOf(response.contentType()).split(";")[0].strip();
    if (open311 && !type.equals("application/problem+json")) {
      assertTrue(isOpen311Error(type, response.body(), status), seen + " (" + type + ")");
    } else {
      assertEquals("application/problem+json", type, seen);
    }
    if (expect.field() != null) {
      List<String> named = new ArrayList<>();
      read(response.body()).path("errors").forEach(e -> named.add(e.path("field").asText()));
      assertTrue(named.contains(expect.field()), seen + ", which does not name " + expect.field());
    }
    Map<String, Long> after = rowCounts();
    before.forEach(
        (table, count) ->
            assertTrue(
                after.getOrDefault(table, -1L) >= 0 && after.get(table) <= count,
                attack
                    + " was refused, but table "
                    + table
                    + " went from "
                    + count
                    + " to "
                    + after.get(table)
                    + " rows"));
  }

  // An Open311 error: a list of {code, description} in JSON, or <errors><error> in XML.
  private static boolean isOpen311Error(String type, String body, int status) {
    if (type.equals("application/json")) {
      JsonNode errors = read(body);
      return errors.isArray()
          && errors.size() > 0
          && errors.get(0).path("code").asInt() == status
          && errors.get(0).path("description").isTextual();
    }
    return type.equals("text/xml")
        && body.contains("<errors><error><code>" + status + "</code><description>");
  }

  /** Rows in every table of the service's database. */
  private Map<String, Long> rowCounts() {
    try {
      Connection c = connection();
      StringBuilder sql = new StringBuilder();
      for (String table : tables) {
        if (sql.length() > 0) {
          sql.append(" UNION ALL ");
        }
        sql.append("SELECT '")
            .append(table)
            .append("', count(*) FROM \"")
            .append(table)
            .append('"');
      }
      Map<String, Long> counts = new TreeMap<>();
      try (PreparedStatement s = c.prepareStatement(sql.toString());
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          counts.put(r.getString(1), r.getLong(2));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the rows of " + database, e);
    }
  }

  /**
   * Whether some text column of some table holds {@code value} as it was sent (alone, or within a
   * longer text such as a timeline entry's "reason code: reason").
   */
  private boolean storedLiterally(String value) {
    try {
      Connection c = connection();
      for (String[] column : textColumns) {
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT 1 FROM \""
                    + column[0]
                    + "\" WHERE strpos(\""
                    + column[1]
                    + "\", ?) > 0 LIMIT 1")) {
          s.setString(1, value);
          try (ResultSet r = s.executeQuery()) {
            if (r.next()) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (SQLException e) {
      // A NUL cannot be stored in PostgreSQL text: the service must have refused it, not taken it.
      return false;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection =
          DriverManager.getConnection(
              TestInfrastructure.shared().postgres().jdbcUrl(database), Postgres.USER, "");
      tables = new ArrayList<>();
      textColumns = new ArrayList<>();
      try (ResultSet r =
          connection
              .createStatement()
              .executeQuery(
                  "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                      + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND"
                      + " t.table_name = c.table_name WHERE c.table_schema = 'public' AND"
                      + " t.table_type = 'BASE TABLE' AND c.table_name <> 'flyway_schema_history'"
                      + " ORDER BY c.table_name, c.ordinal_position")) {
        while (r.next()) {
          String table = r.getString(1);
          if (!tables.contains(table)) {
            tables.add(table);
          }
          if (Set.of("text", "character varying").contains(r.getString(3))) {
            textColumns.add(new String[] {table, r.getString(2)});
          }
        }
      }
    }
    return connection;
  }

  /** Tokens made from a real one that a resource server must refuse. */
  static final class Tokens {
    private Tokens() {}

    static String signedByAnotherKey(String real) {
      String[] parts = real.split("\\.");
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey other = generator.generateKeyPair().getPrivate();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(other);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return parts[0] + "." + parts[1] + "." + B64.encodeToString(rsa.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    static String unsigned(String real) {
      String[] parts = real.split("\\.");
      ObjectNode header =
          (ObjectNode) read(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
      header.put("alg", "none");
      return B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
          + "."
          + parts[1]
          + ".";
    }

    static String withChangedPayload(String real) {
      String[] parts = real.split("\\.");
      ObjectNode claims =
          (ObjectNode) read(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
      claims
          .with("realm_access")
          .withArray("roles")
          .add("admin")
          .add("supervisor")
          .add("dispatcher");
      claims.put("department", "WATER");
      return parts[0]
          + "."
          + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8))
          + "."
          + parts[2];
    }
  }

  // The operation of the OpenAPI document the row names, matched with parameters as {}.
  private static JsonNode operationOf(JsonNode openApi, AccessMatrix.Row row) {
    String wanted = row.endpoint();
    Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      String method = row.method().toLowerCase(java.util.Locale.ROOT);
      if ((row.method() + " " + p.getKey().replaceAll("\\{[^}]*}", "{}")).equals(wanted)
          && p.getValue().has(method)) {
        return p.getValue().path(method);
      }
    }
    return fail("the OpenAPI document has no " + wanted);
  }

  // The string fields of a body schema, following references into nested objects: whether each is
  // free text (no pattern, format or enumeration).
  private static void stringFields(
      JsonNode openApi, JsonNode schema, String prefix, Map<String, Boolean> fields, int depth) {
    schema = resolve(openApi, schema);
    if (isType(schema, "array") && depth == 0) {
      stringFields(openApi, schema.path("items"), prefix + "[0].", fields, depth + 1);
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode p = resolve(openApi, property.getValue());
      String name = prefix + property.getKey();
      if (isType(p, "string")) {
        // OpenAPI writes @NotBlank as the pattern \S: such a field is still free text.
        boolean patterned = p.has("pattern") && !p.path("pattern").asText().equals("\\S");
        fields.put(name, !patterned && !p.has("format") && !p.has("enum"));
      } else if (isType(p, "object") && depth < 2) {
        stringFields(openApi, p, name + ".", fields, depth + 1);
      }
    }
  }

  // Every scalar field of a body schema (following references into objects, and into the items of
  // a list body as "[0]."), with its JSON type: string, boolean, integer or number.
  private static void scalarFields(
      JsonNode openApi, JsonNode schema, String prefix, Map<String, String> fields, int depth) {
    schema = resolve(openApi, schema);
    if (isType(schema, "array") && depth == 0) {
      scalarFields(openApi, schema.path("items"), prefix + "[0].", fields, depth + 1);
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode p = resolve(openApi, property.getValue());
      String name = prefix + property.getKey();
      for (String type : List.of("string", "boolean", "integer", "number")) {
        if (isType(p, type) || (type.equals("string") && p.has("enum") && !p.has("type"))) {
          fields.put(name, type);
          break;
        }
      }
      if (!fields.containsKey(name) && isType(p, "object") && depth < 2) {
        scalarFields(openApi, p, name + ".", fields, depth + 1);
      }
    }
  }

  private static boolean isType(JsonNode schema, String type) {
    JsonNode t = schema.path("type");
    if (t.isArray()) {
      for (JsonNode each : t) {
        if (each.asText().equals(type)) {
          return true;
        }
      }
      return false;
    }
    return t.asText().equals(type) || (type.equals("object") && schema.has("properties"));
  }

  private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
    if (schema.has("allOf") && schema.path("allOf").size() > 0) {
      JsonNode merged = resolve(openApi, schema.path("allOf").get(0)).deepCopy();
      if (merged.isObject()) {
        schema
            .fields()
            .forEachRemaining(
                e -> {
                  if (!e.getKey().equals("allOf")) {
                    ((ObjectNode) merged).set(e.getKey(), e.getValue());
                  }
                });
      }
      return merged;
    }
    if (schema.has("$ref")) {
      String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
      return resolve(openApi, openApi.path("components").path("schemas").path(name));
    }
    return schema;
  }

  private static List<String> parametersOf(String path) {
    List<String> names = new ArrayList<>();
    Matcher m = java.util.regex.Pattern.compile("\\{([^}]*)}").matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  // {@code body} with {@code value} at {@code field} ("reporter.phone", or "[0].value" in a list).
  @SuppressWarnings("unchecked")
  private static Object with(Object body, String field, Object value) {
    if (body instanceof List<?> list) {
      int close = field.indexOf(']');
      int index = Integer.parseInt(field.substring(1, close));
      List<Object> copy = new ArrayList<>(list);
      copy.set(index, with(copy.get(index), field.substring(close + 2), value));
      return copy;
    }
    Map<String, Object> copy =
        new LinkedHashMap<>(body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    int dot = field.indexOf('.');
    if (dot < 0) {
      copy.put(field, value);
    } else {
      String head = field.substring(0, dot);
      copy.put(head, with(copy.get(head), field.substring(dot + 1), value));
    }
    return copy;
  }

  // The first object of a JSON list, as written.
  private static String firstItem(String list) {
    JsonNode items = read(list);
    return items.size() == 0 ? "{}" : items.get(0).toString();
  }

  // {@code valid} with its object {@code object} (itself, or the first item of a list) replaced.
  private static String withObject(String valid, String object, String replacement) {
    int at = valid.indexOf(object);
    return valid.substring(0, at) + replacement + valid.substring(at + object.length());
  }

  private static java.util.Optional<String> firstKey(String object) {
    Iterator<String> names = read(object).fieldNames();
    return names.hasNext() ? java.util.Optional.of(names.next()) : java.util.Optional.empty();
  }

  private static java.util.Optional<String> lastKey(String object) {
    String last = null;
    for (Iterator<String> names = read(object).fieldNames(); names.hasNext(); ) {
      last = names.next();
    }
    return java.util.Optional.ofNullable(last);
  }

  // The object with its last key given once more at its end, with the same value, so that every
  // field has been read when the repeated key comes.
  private static String repeatedLast(String object, String key) {
    if (read(object).size() == 0) {
      return "{\"" + key + "\":1,\"" + key + "\":1}";
    }
    JsonNode value = read(object).path(key);
    String again = JSON.valueToTree(Map.of(key, value.isMissingNode() ? 1 : value)).toString();
    String inner = again.substring(1, again.length() - 1);
    String body = object.substring(0, object.lastIndexOf('}'));
    return body + (body.strip().equals("{") ? "" : ",") + inner + "}";
  }

  // The object with its first key given first with a value of its own.
  private static String repeatedFirst(String object, String key) {
    if (read(object).size() == 0) {
      return "{\"" + key + "\":2,\"" + key + "\":1}";
    }
    JsonNode value = read(object).path(key);
    String again = JSON.valueToTree(Map.of(key, value.isMissingNode() ? 1 : value)).toString();
    String inner = again.substring(1, again.length() - 1);
    String rest = object.substring(object.indexOf('{') + 1);
    return "{" + inner + (rest.strip().equals("}") ? "" : ",") + rest;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shown(String text) {
    return text.length() > 60 ? text.substring(0, 40) + "…(" + text.length() + " chars)" : text;
  }
}
