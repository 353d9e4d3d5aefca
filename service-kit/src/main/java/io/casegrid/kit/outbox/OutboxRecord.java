package io.casegrid.kit.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * An event committed with the state change it announces, waiting for the relay. The primary key is
 * assigned (the event id) so Hibernate can batch the inserts; the database numbers the rows.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxRecord extends PanacheEntityBase {

  @Id
  @Column(name = "event_id")
  public UUID eventId;

  public String topic;

  @Column(name = "record_key")
  public String recordKey;

  public String payload;

  /** The W3C traceparent of the transaction that announced the event, or null. */
  @Column(name = "trace_context")
  public String traceContext;

  protected OutboxRecord() {}

  OutboxRecord(UUID eventId, String topic, String recordKey, String payload, String traceContext) {
    this.eventId = eventId;
    this.topic = topic;
    this.recordKey = recordKey;
    this.payload = payload;
    this.traceContext = traceContext;
  }
}
