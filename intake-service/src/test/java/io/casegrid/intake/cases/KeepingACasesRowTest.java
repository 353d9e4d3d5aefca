package io.casegrid.intake.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.AssetFoundBy;
import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.events.Urgency;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new case is written with a plain statement of its own ({@link Cases#add}), beside Hibernate's
 * mapping of the same row: what registration returned must be what Hibernate reads back, column for
 * column, and the statement must write every column a migration adds.
 */
@QuarkusTest
class KeepingACasesRowTest {

  @Inject CaseRegistration registration;
  @Inject EntityManager entityManager;

  @BeforeEach
  void loadTheDemoCity() {
    IntakeFixtures.loadTheDemoCity();
  }

  @Test
  void writesEveryColumnOfTheCasesTable() {
    @SuppressWarnings("unchecked")
    List<String> columns =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entityManager
                        .createNativeQuery(
                            "SELECT column_name FROM information_schema.columns"
                                + " WHERE table_name = 'case_record' AND table_schema = current_schema()")
                        .getResultList());

    assertThat(Cases.COLUMNS).containsExactlyInAnyOrderElementsOf(columns);
  }

  @Test
  void readsBackACaseWithEveryFieldSetAsRegistrationReturnedIt() {
    RegisterCase cover =
        new RegisterCase(
            CaseKind.COMPLAINT,
            Channel.HOTLINE,
            "0103",
            Urgency.URGENT,
            "雨水井盖破损",
            new RegisterCase.Position(30.265616, 120.161268),
            "文三路口",
            "3399020103000018",
            null,
            "https://photos.example.org/cover.jpg",
            new RegisterCase.Reporter("张三", "13812341234", false, true),
            null,
            AssetFoundBy.SUGGESTION);

    assertReadBackAsReturned(cover);
  }

  @Test
  void readsBackACaseAnsweredOnTheCallAsRegistrationReturnedIt() {
    RegisterCase answered =
        new RegisterCase(
            CaseKind.CONSULTATION,
            Channel.HOTLINE,
            "0102",
            null,
            "问井盖归谁管",
            null,
            "文三路",
            null,
            null,
            null,
            new RegisterCase.Reporter(null, null, true, false),
            new RegisterCase.ResolvedOnCall("归市政设施中心管"),
            null);

    assertReadBackAsReturned(answered);
  }

  private void assertReadBackAsReturned(RegisterCase request) {
    CaseRecord returned =
        QuarkusTransaction.requiringNew().call(() -> registration.register(request, "operator1"));

    CaseRecord readBack =
        QuarkusTransaction.requiringNew()
            .call(() -> entityManager.find(CaseRecord.class, returned.id()));

    assertThat(readBack)
        .usingRecursiveComparison()
        .ignoringFieldsMatchingRegexes("\\$\\$_hibernate_.*")
        .isEqualTo(returned);
  }
}
