package io.casegrid.kit.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.kit.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a retried POST safe. A client that sent a request and got no answer (a timeout, a dropped
 * connection, an instance that died) sends it again with the same {@code Idempotency-Key}; the
 * first request's change happens once, and the retry gets the first answer again, marked {@code
 * Idempotent-Replayed: true}.
 *
 * <p>The key is recorded, with the answer, in the same database transaction as the change the
 * request makes (the resource's own transaction joins it): either both commit or neither does, so
 * no crash between the two can make a retry repeat a change or lose its answer. A second request
 * with a key whose first is still running waits for it on the key's row, then gets its answer. A
 * request that failed (any 4xx or 5xx thrown) left nothing, so trying it again runs it again. Keys
 * belong to the caller who sent them: another caller's same key is another request. Reusing a key
 * for a different request (another path, or another body) is refused with 422.
 */
@Idempotent
@Interceptor
// Before the transactions of the resources (PLATFORM_BEFORE + 200), which then join this one.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotentRequests {

  /** The request header that names a request: at most 100 visible ASCII characters. */
  public static final String HEADER = "Idempotency-Key";

  /** The answer header that tells a replayed answer from a first one. */
  public static final String REPLAYED = "Idempotent-Replayed";

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,100}");

  @Inject HttpHeaders headers;
  @Inject UriInfo uri;
  @Inject SecurityIdentity identity;
  @Inject EntityManager entityManager;
  @Inject ObjectMapper json;

  @AroundInvoke
  Object around(InvocationContext invocation) throws Exception {
    Method method = invocation.getMethod();
    String key = method.isAnnotationPresent(POST.class) ? headers.getHeaderString(HEADER) : null;
    if (key == null) {
      return invocation.proceed();
    }
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.invalidField(
          "idempotency-key", HEADER, "must be 1 to 100 visible ASCII characters");
    }
    String caller = identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    String path = uri.getRequestUri().getRawPath();
    String request = fingerprint(invocation, path);
    try {
      return QuarkusTransaction.joiningExisting()
          .call(() -> answerOnce(invocation, caller, key, path, request));
    } catch (QuarkusTransactionException e) {
      // A checked exception of the resource, wrapped by the transaction: passed on as it was.
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private Object answerOnce(
      InvocationContext invocation, String caller, String key, String path, String request)
      throws Exception {
    Optional<Answer> earlier = claim(caller, key, path, request);
    if (earlier.isPresent()) {
      Method method = invocation.getMethod();
      // A resource that answers with its entity (not a Response) gets its entity back.
      if (Response.class.isAssignableFrom(method.getReturnType())) {
        return earlier.get().replay();
      }
      String body = earlier.get().body();
      return body == null
          ? null
          : json.readValue(
              body, json.getTypeFactory().constructType(method.getGenericReturnType()));
    }
    Object result = invocation.proceed();
    store(caller, key, Answer.of(result, produces(invocation.getMethod()), json));
    return result;
  }

  // Inserting the key locks its row until this transaction ends: a concurrent request with the
  // same key waits here, and then finds the answer committed with the change.
  private Optional<Answer> claim(String caller, String key, String path, String request) {
    int inserted =
        entityManager
            .createNativeQuery(
                "INSERT INTO idempotent_request (caller, idempotency_key, request_hash, path)"
                    + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
            .setParameter(1, caller)
            .setParameter(2, key)
            .setParameter(3, request)
            .setParameter(4, path)
            .executeUpdate();
    if (inserted == 1) {
      return Optional.empty();
    }
    Object[] row =
        (Object[])
            entityManager
                .createNativeQuery(
                    "SELECT request_hash, status, content_type, location, body"
                        + " FROM idempotent_request WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller)
                .setParameter(2, key)
                .getSingleResult();
    if (!request.equals(row[0])) {
      throw ProblemException.invalidField(
          "idempotency-key-reused", HEADER, "was already used for another request");
    }
    return Optional.of(
        new Answer(
            ((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]));
  }

  private void store(String caller, String key, Answer answer) {
    entityManager
        .createNativeQuery(
            "UPDATE idempotent_request SET status = ?1, content_type = ?2, location = ?3,"
                + " body = ?4 WHERE caller = ?5 AND idempotency_key = ?6")
        .setParameter(1, answer.status())
        .setParameter(2, answer.contentType())
        .setParameter(3, answer.location())
        .setParameter(4, answer.body())
        .setParameter(5, caller)
        .setParameter(6, key)
        .executeUpdate();
  }

  /** The answer to a request, as kept for its retries. */
  record Answer(int status, String contentType, String location, String body) {

    static Answer of(Object result, String produces, ObjectMapper json)
        throws JsonProcessingException {
      if (result instanceof Response response) {
        MediaType type = response.getMediaType();
        URI location = response.getLocation();
        return new Answer(
            response.getStatus(),
            type == null ? produces : type.toString(),
            location == null ? null : location.toString(),
            body(response.getEntity(), json));
      }
      return result == null
          ? new Answer(204, null, null, null)
          : new Answer(200, produces, null, body(result, json));
    }

    private static String body(Object entity, ObjectMapper json) throws JsonProcessingException {
      if (entity == null || entity instanceof String) {
        return (String) entity;
      }
      return json.writeValueAsString(entity);
    }

    Response replay() {
      Response.ResponseBuilder answer = Response.status(status).header(REPLAYED, "true");
      if (body != null) {
        answer.entity(body).type(contentType);
      }
      if (location != null) {
        answer.location(URI.create(location));
      }
      return answer.build();
    }
  }

  private static String produces(Method method) {
    Produces produces = method.getAnnotation(Produces.class);
    if (produces == null) {
      produces = method.getDeclaringClass().getAnnotation(Produces.class);
    }
    return produces == null || produces.value().length == 0
        ? MediaType.APPLICATION_JSON
        : produces.value()[0];
  }

  // What the request asks for: its path and every argument the REST layer gave the method (its
  // body, parameters and headers), but the key itself and the context objects.
  private String fingerprint(InvocationContext invocation, String path)
      throws NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(path.getBytes(StandardCharsets.UTF_8));
    Parameter[] parameters = invocation.getMethod().getParameters();
    Object[] arguments = invocation.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (ignored(parameters[i])) {
        continue;
      }
      digest.update((byte) 0);
      digest.update(
          parameters[i].isAnnotationPresent(BeanParam.class)
              ? beanParam(arguments[i])
              : canonical(arguments[i]));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static boolean ignored(Parameter parameter) {
    for (Annotation a : parameter.getAnnotations()) {
      if (a instanceof Context || a instanceof HeaderParam h && h.value().equals(HEADER)) {
        return true;
      }
    }
    // A streamed body cannot be read twice: such a request is known by its path and other
    // arguments only.
    return InputStream.class.isAssignableFrom(parameter.getType());
  }

  // A @BeanParam has no JSON form, and its toString is its identity: every retry would look like
  // another request. It is known by its fields (path, query and header values), the key's aside.
  private static byte[] beanParam(Object bean) {
    if (bean == null) {
      return new byte[0];
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = bean.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        HeaderParam header = f.getAnnotation(HeaderParam.class);
        if (!Modifier.isStatic(f.getModifiers())
            && !(header != null && header.value().equals(HEADER))) {
          fields.add(f);
        }
      }
    }
    fields.sort(Comparator.comparing(f -> f.getDeclaringClass().getName() + "." + f.getName()));
    StringBuilder values = new StringBuilder();
    for (Field f : fields) {
      try {
        f.setAccessible(true);
        values.append(f.getName()).append('=').append(f.get(bean)).append('\0');
      } catch (IllegalAccessException | RuntimeException e) {
        throw new IllegalStateException("cannot read " + f + " of a request", e);
      }
    }
    return values.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] canonical(Object argument) {
    if (argument == null) {
      return new byte[0];
    }
    if (argument instanceof byte[] bytes) {
      return bytes;
    }
    if (argument instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return json.writeValueAsBytes(argument);
    } catch (JsonProcessingException e) {
      return String.valueOf(argument).getBytes(StandardCharsets.UTF_8);
    }
  }
}
