package io.casegrid.intake.cases;

import io.casegrid.intake.personal.PersonalDataAccess;
import io.casegrid.intake.personal.PersonalDataAudit;
import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Shows cases to whoever reads them, and is the one place that decides who sees a reporter's
 * personal data: hotline operators see the name and phone in full, for the callback, and each such
 * read is audited in the transaction of the read; everyone else sees the phone masked and no name.
 * An anonymous report has nothing to show or to decrypt.
 */
@ApplicationScoped
public class CaseReading {

  private static final Logger LOG = Logger.getLogger(CaseReading.class);
  private static final int PHONE_SEARCH_LIMIT = 50;

  private final CaseRegistration registration;
  private final PersonalDataCipher cipher;
  private final PersonalDataAudit audit;
  private final Caller caller;
  private final CityConfig city;

  CaseReading(
      CaseRegistration registration,
      PersonalDataCipher cipher,
      PersonalDataAudit audit,
      Caller caller,
      CityConfig city) {
    this.registration = registration;
    this.cipher = cipher;
    this.audit = audit;
    this.caller = caller;
    this.city = city;
  }

  @Transactional
  public Optional<CaseView> byId(UUID id) {
    return registration.find(id).map(c -> shown(c, PersonalDataAccess.Action.VIEW));
  }

  @Transactional
  public List<CaseView> byNumber(String number) {
    return registration.findByNumber(number).stream()
        .map(c -> shown(c, PersonalDataAccess.Action.VIEW))
        .toList();
  }

  /** A caller's cases, newest first; only operators may search so (the resource checks). */
  @Transactional
  public List<CaseView> byPhone(String phone) {
    return registration.findByPhone(phone, PHONE_SEARCH_LIMIT).stream()
        .map(c -> shown(c, PersonalDataAccess.Action.SEARCH_BY_PHONE))
        .toList();
  }

  /**
   * The answer to whoever registered the case: the phone masked, as to everyone, since they have
   * just given the rest; nothing is disclosed, so nothing is audited.
   */
  public CaseView registered(CaseRecord c) {
    return masked(c);
  }

  private CaseView shown(CaseRecord c, PersonalDataAccess.Action action) {
    Optional<SealedReporter> sealed = c.reporter();
    if (c.reporterAnonymous || sealed.isEmpty() || !caller.is(Roles.OPERATOR)) {
      return masked(c);
    }
    SealedReporter.Reporter reporter;
    try {
      reporter = sealed.get().open(cipher, c.id);
    } catch (PersonalDataCipher.SealBroken e) {
      return unopened(c, e);
    }
    audit.record(caller.name(), c.id, action);
    return CaseView.of(
        c, city.zone(), CaseView.mask(reporter.phone()), reporter.name(), reporter.phone());
  }

  // Masking needs the phone decrypted here, but nothing unmasked leaves the service.
  private CaseView masked(CaseRecord c) {
    Optional<SealedReporter> sealed = c.reporter();
    if (c.reporterAnonymous || sealed.isEmpty()) {
      return CaseView.of(c, city.zone(), null, null, null);
    }
    try {
      return CaseView.of(
          c, city.zone(), CaseView.mask(sealed.get().openPhone(cipher, c.id)), null, null);
    } catch (PersonalDataCipher.SealBroken e) {
      return unopened(c, e);
    }
  }

  // A key missing from the configuration, or a row altered in the database: the case is still
  // shown, without its reporter, and the operators are told (never with the data).
  private CaseView unopened(CaseRecord c, PersonalDataCipher.SealBroken e) {
    LOG.errorf(
        "the reporter's data of case %s (key %s) does not open: %s",
        c.id, c.reporterKeyId, e.getMessage());
    return CaseView.of(c, city.zone(), null, null, null);
  }
}
