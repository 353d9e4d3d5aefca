package io.casegrid.dispatch.idempotency;

import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * The keys of commands applied (the {@code Idempotency-Key} a client sends): a command retried with
 * its key has one effect, and a key used for another command is refused. Kept in the command's
 * transaction, so a key is used only if its command commits.
 */
@ApplicationScoped
public class CommandKeys {

  private final EntityManager entityManager;

  CommandKeys(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * Whether the command is applied for the first time under {@code key}: false for a retry of the
   * same command (the same command on the same case), true without a key. A key used before for
   * another command is refused (422).
   */
  public boolean firstUse(String key, UUID caseId, String command) {
    if (key == null) {
      return true;
    }
    int inserted =
        entityManager
            .createNativeQuery(
                "INSERT INTO command_key (idempotency_key, case_id, action) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT DO NOTHING")
            .setParameter(1, key)
            .setParameter(2, caseId)
            .setParameter(3, command)
            .executeUpdate();
    if (inserted == 1) {
      return true;
    }
    Object[] earlier =
        (Object[])
            entityManager
                .createNativeQuery(
                    "SELECT case_id, action FROM command_key WHERE idempotency_key = ?1")
                .setParameter(1, key)
                .getSingleResult();
    if (!caseId.equals(earlier[0]) || !command.equals(earlier[1])) {
      throw reused();
    }
    return false;
  }

  /** The refusal of a key used before for another command. */
  public static DomainException reused() {
    return DomainException.invalidField(
        "idempotency-key-reused", "Idempotency-Key", "was already used for another command");
  }
}
