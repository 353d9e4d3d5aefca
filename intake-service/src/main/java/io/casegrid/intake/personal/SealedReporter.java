package io.casegrid.intake.personal;

import java.util.UUID;

/**
 * A reporter's name and phone as they are stored: sealed under one key, bound to their case and
 * field, with the phone's blind index for searching.
 */
public record SealedReporter(
    String keyId, byte[] nameSealed, byte[] phoneSealed, byte[] phoneIndex) {

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
    String digits = PersonalDataCipher.digitsOf(phone);
    if (digits != null && digits.isEmpty()) {
      digits = null;
    }
    if (name == null && digits == null) {
      return null;
    }
    return new SealedReporter(
        cipher.currentKeyId(),
        cipher.seal(name, nameContext(caseId)),
        cipher.seal(digits, phoneContext(caseId)),
        cipher.phoneIndex(digits));
  }

  /**
   * Opens the name and phone of the case {@code caseId}.
   *
   * @throws PersonalDataCipher.SealBroken if they do not open
   */
  public Reporter open(PersonalDataCipher cipher, UUID caseId) {
    return new Reporter(
        cipher.open(keyId, nameSealed, nameContext(caseId)),
        cipher.open(keyId, phoneSealed, phoneContext(caseId)));
  }

  /** The phone alone, to mask it. */
  public String openPhone(PersonalDataCipher cipher, UUID caseId) {
    return cipher.open(keyId, phoneSealed, phoneContext(caseId));
  }

  private static String nameContext(UUID caseId) {
    return "case_record.reporter_name:" + caseId;
  }

  private static String phoneContext(UUID caseId) {
    return "case_record.reporter_phone:" + caseId;
  }
}
