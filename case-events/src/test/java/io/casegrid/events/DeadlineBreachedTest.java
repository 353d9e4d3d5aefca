package io.casegrid.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A breach carries the supervision order it caused; breaches of the first shape, already in topics
 * and outboxes, have none, and their order follows as an event of its own.
 */
class DeadlineBreachedTest {

  private final EventCodec codec = new EventCodec();
  private final UUID caseId = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  private final UUID orderId = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
  private final Instant due = Instant.parse("2026-12-04T09:00:00Z");
  private final Instant found = Instant.parse("2026-12-04T09:00:01.5Z");
  private final Instant respondBy = Instant.parse("2026-12-07T09:00:00Z");

  private DeadlineBreached withItsOrder() {
    return new DeadlineBreached(caseId, "DRAINAGE", due, due)
        .withOrder(new DeadlineBreached.BreachOrder(orderId, found, respondBy, "YELLOW_CARD"));
  }

  @Test
  void readsBackABreachWithItsOrder() {
    String json = codec.write(codec.envelope(withItsOrder(), Topics.SUPERVISION_SOURCE, found));

    DeadlineBreached read = codec.payload(codec.read(json), DeadlineBreached.class);

    assertThat(json).contains("\"orderId\":\"" + orderId + "\"");
    assertThat(read).isEqualTo(withItsOrder());
  }

  @Test
  void answersTheOrderItCarriesAsTheOrderEventItReplaces() {
    assertThat(withItsOrder().orderIssued())
        .contains(
            new SupervisionOrderIssued(
                caseId, orderId, "DRAINAGE", found, respondBy, "YELLOW_CARD"));
  }

  @Test
  void readsABreachWrittenBeforeItCarriedItsOrderAsOneWithout() {
    // As the first shape's producer wrote it, byte for byte in its data.
    String older =
        """
        {"specversion":"1.0","id":"00000000-0000-0000-0000-0000000000e1",\
        "source":"/casegrid/supervision","type":"io.casegrid.case.deadline-breached.v1",\
        "subject":"00000000-0000-0000-0000-0000000000c1","time":"2026-12-04T09:00:01.500Z",\
        "datacontenttype":"application/json",\
        "dataschema":"/schemas/io.casegrid.case.deadline-breached.v1.json",\
        "data":{"caseId":"00000000-0000-0000-0000-0000000000c1","departmentCode":"DRAINAGE",\
        "resolveDueAt":"2026-12-04T09:00:00Z","breachedAt":"2026-12-04T09:00:00Z"}}""";

    DeadlineBreached read = codec.payload(codec.read(older), DeadlineBreached.class);

    assertThat(read).isEqualTo(new DeadlineBreached(caseId, "DRAINAGE", due, due));
    assertThat(read.order()).isNull();
    assertThat(read.orderIssued()).isEmpty();
  }
}
