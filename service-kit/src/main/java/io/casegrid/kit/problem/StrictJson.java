package io.casegrid.kit.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.temporal.TemporalAccessor;
import java.util.Set;

/**
 * Request bodies are read as the client wrote them, or refused with 400 problem+json naming the
 * field ({@link ProblemMappers}); nothing is guessed:
 *
 * <ul>
 *   <li>one JSON value, nothing after it;
 *   <li>each key once per object: Jackson would otherwise keep one of the values, or, once every
 *       parameter of a record was set, fail with a definition error that Quarkus answers 500;
 *   <li>no coercion: a string field takes a string, not {@code 123} or {@code true}; a boolean
 *       takes {@code true}/{@code false}, not {@code "true"} or {@code 1}; a number takes a number,
 *       not {@code "30.2"}, and an integer no fraction; an enumeration takes its name, not its
 *       index; a date-time takes an ISO-8601 string, not a number of seconds since 1970;
 *   <li>numbers finite: {@code 1e400} is not read as Infinity;
 *   <li>strings of plain text ({@link PlainText}): no lone UTF-16 surrogate (PostgreSQL would store
 *       it as {@code ?}), no NUL (it cannot store one at all), no other control character but tab,
 *       line feed and carriage return, and no bidirectional control, which makes a text display as
 *       something other than what is stored ({@code ‮gnp.exe} shows as "exe.png").
 * </ul>
 *
 * Any other mapper reading what a client sent (an uploaded file, say) is configured alike by {@link
 * #configure}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    configure(mapper);
  }

  /** {@code mapper}, made to read strictly as above. */
  public static ObjectMapper configure(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.DateTime)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    SimpleModule module = new SimpleModule("casegrid-strict-json");
    module.addDeserializer(String.class, new PlainString());
    module.setDeserializerModifier(new Strict());
    mapper.registerModule(module);
    return mapper;
  }

  /** A value refused by these rules; its message says what the field must be. */
  public static final class Refusal extends InvalidFormatException {

    Refusal(JsonParser parser, String message, Object value, Class<?> type) {
      super(parser, message, value, type);
    }
  }

  /** Strings as Jackson reads them, without coercion, and refused unless plain text. */
  static final class PlainString extends StdScalarDeserializer<String> {

    PlainString() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        // Objects, arrays and embedded values as Jackson handles them; scalars per coercion above.
        return StringDeserializer.instance.deserialize(parser, context);
      }
      String value = parser.getText();
      String wrong = PlainText.problemOf(value);
      if (wrong != null) {
        throw new Refusal(parser, wrong, value, String.class);
      }
      return value;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }
  }

  /**
   * Wraps the readers Jackson's date-time module and its numbers bring, which the coercion settings
   * do not reach: date-times read only from strings, floating-point numbers only when finite.
   */
  static final class Strict extends BeanDeserializerModifier {

    private static final Set<Class<?>> FLOATING =
        Set.of(Double.class, double.class, Float.class, float.class);

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription description, JsonDeserializer<?> reader) {
      Class<?> type = description.getBeanClass();
      if (TemporalAccessor.class.isAssignableFrom(type)) {
        return new TextOnly(reader);
      }
      if (FLOATING.contains(type)) {
        return new FiniteOnly(reader);
      }
      return reader;
    }
  }

  /** A date or time: an ISO-8601 string only, never a count of seconds or days. */
  static final class TextOnly extends DelegatingDeserializer {

    TextOnly(JsonDeserializer<?> reader) {
      super(reader);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> reader) {
      return new TextOnly(reader);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
        throw new Refusal(
            parser,
            "must be a date or time written as an ISO-8601 string",
            parser.getText(),
            handledType());
      }
      return super.deserialize(parser, context);
    }
  }

  /** A floating-point number that is a number: not Infinity for {@code 1e400}. */
  static final class FiniteOnly extends DelegatingDeserializer {

    FiniteOnly(JsonDeserializer<?> reader) {
      super(reader);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> reader) {
      return new FiniteOnly(reader);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      Object value = super.deserialize(parser, context);
      if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
        throw new Refusal(parser, "must be a finite number", parser.getText(), handledType());
      }
      return value;
    }
  }
}
