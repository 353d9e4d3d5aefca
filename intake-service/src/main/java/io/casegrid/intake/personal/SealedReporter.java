package io.casegrid.intake.personal;

import java.util.UUID;

/**
 * A reporter's name and phone as they are stored: sealed under one key, bound to the row that holds
 * them and to their field, with the phone's blind index for searching.
 */
public record SealedReporter(
    String keyId, byte[] nameSealed, byte[] phoneSealed, byte[] phoneIndex) {

  /**
   * The row a reporter's data is sealed for: the case that a reporter filed, or a later reporter of
   * a case (a duplicate report merged into it). A value copied to another row does not open.
   */
  public record Holder(String table, UUID id) {

    /** The reporter who filed the case. */
    public static Holder ofCase(UUID caseId) {
      return new Holder("case_record", caseId);
    }

    /** A reporter who joined the case later. */
    public static Holder ofJoinedReporter(UUID reporterId) {
      return new Holder("case_reporter", reporterId);
    }

    String context(String field) {
      return table + ".reporter_" + field + ":" + id;
    }
  }

  /** A reporter's name and phone in clear; the phone as digits only. */
  public record Reporter(String name, String phone) {

    // Never in a log line or an exception message by accident.
    @Override
    public String toString() {
      return "Reporter[name and phone withheld]";
    }
  }

  /** Seals a reporter's data for the case {@code caseId}; nothing to seal gives null. */
  public static SealedReporter seal(
      PersonalDataCipher cipher, UUID caseId, String name, String phone) {
    return seal(cipher, Holder.ofCase(caseId), name, phone);
  }

  /** Seals a reporter's data for {@code holder}; nothing to seal gives null. */
  public static SealedReporter seal(
      PersonalDataCipher cipher, Holder holder, String name, String phone) {
    String digits = PersonalDataCipher.digitsOf(phone);
    if (digits != null && digits.isEmpty()) {
      digits = null;
    }
    if (name == null && digits == null) {
      return null;
    }
    return new SealedReporter(
        cipher.currentKeyId(),
        cipher.seal(name, holder.context("name")),
        cipher.seal(digits, holder.context("phone")),
        cipher.phoneIndex(digits));
  }

  /**
   * Opens the name and phone of the case {@code caseId}.
   *
   * @throws PersonalDataCipher.SealBroken if they do not open
   */
  public Reporter open(PersonalDataCipher cipher, UUID caseId) {
    return open(cipher, Holder.ofCase(caseId));
  }

  /**
   * Opens the name and phone sealed for {@code holder}.
   *
   * @throws PersonalDataCipher.SealBroken if they do not open
   */
  public Reporter open(PersonalDataCipher cipher, Holder holder) {
    return new Reporter(
        cipher.open(keyId, nameSealed, holder.context("name")),
        cipher.open(keyId, phoneSealed, holder.context("phone")));
  }

  /** The phone alone, to mask it. */
  public String openPhone(PersonalDataCipher cipher, Holder holder) {
    return cipher.open(keyId, phoneSealed, holder.context("phone"));
  }
}
