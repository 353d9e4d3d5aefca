package io.casegrid.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.domain.DomainException.Refusal;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainRefusalsTest {

  @ParameterizedTest
  @CsvSource({"NOT_FOUND,404", "INVALID,422", "MALFORMED,400", "CONFLICT,409", "FORBIDDEN,403"})
  void eachRefusalOfTheDomainBecomesItsStatusAtTheEdge(Refusal refusal, int status) {
    Response response =
        new ProblemMappers()
            .refused(
                new DomainException(
                    refusal,
                    "case-state",
                    "the case is closed",
                    List.of(new DomainException.Violation("reason", "must not be blank"))));

    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    Problem problem = (Problem) response.getEntity();
    assertThat(problem.type()).isEqualTo("urn:casegrid:problem:case-state");
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.detail()).isEqualTo("the case is closed");
    assertThat(problem.errors())
        .containsExactly(new Problem.FieldError("reason", "must not be blank"));
  }
}
