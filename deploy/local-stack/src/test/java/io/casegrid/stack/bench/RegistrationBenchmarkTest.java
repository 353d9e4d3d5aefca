package io.casegrid.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.casegrid.embedded.AccessTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registration benchmark counts: against a stand-in for intake's endpoint that answers as
 * told (the benchmark's client and tally are under test here, not intake).
 */
class RegistrationBenchmarkTest {

  private HttpServer intake;
  private final AtomicInteger status = new AtomicInteger(201);
  private BenchClient client;

  @BeforeEach
  void startTheStandIn() throws IOException {
    intake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    intake.createContext(
        "/token", exchange -> answer(exchange, 200, "{\"access_token\":\"t\",\"expires_in\":300}"));
    intake.createContext(
        "/api/cases",
        exchange ->
            answer(
                exchange,
                status.get(),
                status.get() == 201
                    ? "{\"id\":\"c-1\",\"caseNumber\":\"2026120700001\"}"
                    : "{\"type\":\"urn:casegrid:problem:rate-limited\",\"status\":429}"));
    intake.createContext(
        "/api/queue",
        exchange ->
            answer(
                exchange,
                status.get() == 201 ? 200 : status.get(),
                "{\"method\":\"%s\",\"query\":\"%s\"}"
                    .formatted(exchange.getRequestMethod(), exchange.getRequestURI().getQuery())));
    intake.start();
    String base = "http://127.0.0.1:" + intake.getAddress().getPort();
    client = new BenchClient(service -> base, new AccessTokens(base + "/token"), 4);
  }

  @AfterEach
  void stopTheStandIn() {
    intake.stop(0);
  }

  @Test
  void aCreatedCaseIsARegistrationWithItsId() {
    assertThat(client.report(client.bytes(BenchClient.COMPLAINT)).join()).isEqualTo("c-1");
  }

  @Test
  void theLifecycleDriversBlockingCallReadsTheCreatedCasesIdAndNumber() {
    assertThat(client.reportNow(client.bytes(BenchClient.COMPLAINT)))
        .isEqualTo(new BenchClient.Registered("c-1", "2026120700001"));
  }

  @Test
  void theLifecycleDriversQueueReadIsAGetAsTheUserThatFailsOnAnotherStatus() {
    assertThat(client.read("drainage1", "dispatch", "/api/queue?number=2026120700001"))
        .hasToString("{\"method\":\"GET\",\"query\":\"number=2026120700001\"}");

    status.set(403);
    assertThatThrownBy(() -> client.read("drainage1", "dispatch", "/api/queue"))
        .isInstanceOf(BenchClient.UnexpectedAnswer.class)
        .hasMessageContaining("GET /api/queue answered 403");
  }

  @Test
  void theLifecycleDriversBlockingCallFailsOnAnotherStatusWithTheAnswersBody() {
    status.set(429);
    Failures failures = new Failures();

    assertThatThrownBy(() -> client.reportNow(client.bytes(BenchClient.COMPLAINT)))
        .isInstanceOfSatisfying(BenchClient.UnexpectedAnswer.class, failures::add)
        .hasMessageContaining("answered 429")
        .hasMessageContaining("rate-limited");

    assertThat(failures.refused()).isEqualTo(1);
  }

  @Test
  void anAnswerOfTheRateLimitIsCountedAsRefusedAndNotAsARegistration() {
    status.set(429);
    Failures failures = new Failures();

    assertThatThrownBy(() -> client.report(client.bytes(BenchClient.COMPLAINT)).join())
        .isInstanceOfSatisfying(CompletionException.class, failures::add)
        .hasCauseInstanceOf(BenchClient.UnexpectedAnswer.class);

    assertThat(failures.count()).isEqualTo(1);
    assertThat(failures.refused()).isEqualTo(1);
    assertThat(failures.toString()).contains("answered 429");
  }

  @Test
  void aRequestThatWasNeverSentIsAFailureButNotARefusal() {
    Failures failures = new Failures();

    failures.add(new CompletionException(new BenchClient.NotSent()));

    assertThat(failures.count()).isEqualTo(1);
    assertThat(failures.refused()).isZero();
  }

  @Test
  void theOptionsDefaultToTwoThousandASecondForThirtySecondsAfterTenThousand() {
    assertThat(RegistrationBenchmark.Options.parse())
        .isEqualTo(new RegistrationBenchmark.Options(2000, 30, 10_000, 64));
    assertThat(RegistrationBenchmark.Options.parse("--rate", "1500", "--warm-up", "0"))
        .isEqualTo(new RegistrationBenchmark.Options(1500, 30, 0, 64));
  }

  @Test
  void anUnknownOptionOrARateOfNoneIsRefused() {
    assertThatThrownBy(() -> RegistrationBenchmark.Options.parse("--intake", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--intake");
    assertThatThrownBy(() -> RegistrationBenchmark.Options.parse("--rate", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rate must be at least 1");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
