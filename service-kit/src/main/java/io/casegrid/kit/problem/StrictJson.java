package io.casegrid.kit.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies are read strictly: a body must be one JSON value with nothing after it, and no
 * string may hold a NUL character, which PostgreSQL cannot store in text (it would fail the
 * transaction and answer 500). Both are answered 400 problem+json instead.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.registerModule(
        new SimpleModule("casegrid-strict-json").addDeserializer(String.class, new NoNul()));
  }

  /** Strings as Jackson reads them, refused if they contain a NUL. */
  static final class NoNul extends StdScalarDeserializer<String> {

    NoNul() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && value.indexOf('\0') >= 0) {
        throw InvalidFormatException.from(
            parser, "a string may not contain a NUL character", value, String.class);
      }
      return value;
    }
  }
}
