package io.casegrid.intake.sensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Alarms from gateways that publish to Kafka, a batch per transaction. An unreadable or invalid
 * record is kept as a dead letter in the same transaction, so nothing a gateway sent is lost.
 */
@ApplicationScoped
public class SensorAlarmConsumer {

  private static final Logger LOG = Logger.getLogger(SensorAlarmConsumer.class);

  private final SensorAlarms alarms;
  private final ObjectMapper json;
  private final Validator validator;
  private final EntityManager entityManager;

  SensorAlarmConsumer(
      SensorAlarms alarms, ObjectMapper json, Validator validator, EntityManager entityManager) {
    this.alarms = alarms;
    this.json = json;
    this.validator = validator;
    this.entityManager = entityManager;
  }

  @Incoming("sensor-alarms")
  @Blocking
  @Transactional
  public void consume(ConsumerRecords<String, String> records) {
    List<SensorAlarm> valid = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      String problem;
      try {
        SensorAlarm alarm = json.readValue(record.value(), SensorAlarm.class);
        Set<ConstraintViolation<SensorAlarm>> violations = validator.validate(alarm);
        if (violations.isEmpty()) {
          valid.add(alarm);
          continue;
        }
        ConstraintViolation<SensorAlarm> first = violations.iterator().next();
        problem = first.getPropertyPath() + " " + first.getMessage();
      } catch (Exception e) {
        problem = "unreadable: " + e.getMessage();
      }
      LOG.warnf(
          "sensor alarm %s-%d@%d set aside: %s",
          record.topic(), record.partition(), record.offset(), problem);
      entityManager
          .createNativeQuery(
              "INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, record_key,"
                  + " payload, error) VALUES ('intake-sensors', ?1, ?2, ?3, ?4, ?5, ?6)")
          .setParameter(1, record.topic())
          .setParameter(2, record.partition())
          .setParameter(3, record.offset())
          .setParameter(4, record.key())
          .setParameter(5, record.value())
          .setParameter(6, problem)
          .executeUpdate();
    }
    if (!valid.isEmpty()) {
      alarms.accept(valid);
    }
  }
}
