package io.casegrid.intake.cases;

import io.casegrid.intake.personal.FreeTextMasking;
import io.casegrid.intake.personal.PersonalDataAccess;
import io.casegrid.intake.personal.PersonalDataAudit;
import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.intake.reference.CategoryCatalogue;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Shows cases to whoever reads them, and is the one place that decides who sees a reporter's
 * personal data: hotline operators see the names and phones of a case's reporters in full, for the
 * callback, and each such read is audited in the transaction of the read; everyone else sees the
 * phones masked and no name. An anonymous report has nothing to show or to decrypt.
 */
@ApplicationScoped
public class CaseReading {

  private static final Logger LOG = Logger.getLogger(CaseReading.class);
  private static final int PHONE_SEARCH_LIMIT = 50;

  private final Cases cases;
  private final CategoryCatalogue catalogue;
  private final PersonalDataCipher cipher;
  private final PersonalDataAudit audit;
  private final Caller caller;
  private final CityConfig city;

  CaseReading(
      Cases cases,
      CategoryCatalogue catalogue,
      PersonalDataCipher cipher,
      PersonalDataAudit audit,
      Caller caller,
      CityConfig city) {
    this.cases = cases;
    this.catalogue = catalogue;
    this.cipher = cipher;
    this.audit = audit;
    this.caller = caller;
    this.city = city;
  }

  @Transactional
  public Optional<CaseView> byId(UUID id) {
    return cases.find(id).map(c -> shown(c, PersonalDataAccess.Action.VIEW));
  }

  @Transactional
  public List<CaseView> byNumber(String number) {
    return cases.findByNumber(number).stream()
        .map(c -> shown(c, PersonalDataAccess.Action.VIEW))
        .toList();
  }

  /** A caller's cases, newest first; only operators may search so (the resource checks). */
  @Transactional
  public List<CaseView> byPhone(String phone) {
    return cases.findByPhone(phone, PHONE_SEARCH_LIMIT).stream()
        .map(c -> shown(c, PersonalDataAccess.Action.SEARCH_BY_PHONE))
        .toList();
  }

  /**
   * The answer to whoever registered the case: the phone masked, as to everyone, since they have
   * just given the rest; nothing is disclosed, so nothing is audited.
   */
  public CaseView registered(CaseRecord c) {
    // Just registered: no other report has joined it yet, so its reporters need no query (a
    // twentieth of intake's CPU while registering).
    return view(c, false, UnaryOperator.identity(), List.of()).view();
  }

  private CaseView shown(CaseRecord c, PersonalDataAccess.Action action) {
    boolean operator = caller.is(Roles.OPERATOR);
    Seen seen = view(c, operator, FreeTextMasking.forReader(operator), cases.joinedReporters(c.id));
    if (seen.inFull()) {
      audit.record(caller.name(), c.id, action);
    }
    return seen.view();
  }

  private record Seen(CaseView view, boolean inFull) {}

  // Masking needs the phones decrypted here, but nothing unmasked leaves the service unless the
  // reader is an operator; the free text as written goes to operators and to whoever just wrote
  // it.
  private Seen view(
      CaseRecord c,
      boolean inFull,
      UnaryOperator<String> freeText,
      List<Cases.JoinedReporter> joinedReporters) {
    ZoneId zone = city.zone();
    CaseView.Shown filer =
        c.reporterAnonymous
            ? CaseView.Shown.NOTHING
            : reveal(c, c.reporter(), SealedReporter.Holder.ofCase(c.id), inFull);
    List<CaseView.Reporter> reporters = new ArrayList<>();
    if (c.hasOwnReporter()) {
      reporters.add(
          new CaseView.Reporter(
              null,
              c.caseNumber,
              c.channel,
              c.reportedAt.atZone(zone).toOffsetDateTime(),
              c.reporterAnonymous,
              c.callbackConsent,
              filer.phoneMasked(),
              filer.name(),
              filer.phone(),
              null,
              null));
    }
    for (Cases.JoinedReporter joined : joinedReporters) {
      CaseReporter r = joined.reporter();
      CaseView.Shown shown =
          r.anonymous ? CaseView.Shown.NOTHING : reveal(c, r.sealed(), r.holder(), inFull);
      reporters.add(
          new CaseView.Reporter(
              r.id,
              joined.toldCaseNumber(),
              r.channel,
              r.reportedAt.atZone(zone).toOffsetDateTime(),
              r.anonymous,
              r.callbackConsent,
              shown.phoneMasked(),
              shown.name(),
              shown.phone(),
              freeText.apply(r.note),
              r.recordedBy));
    }
    CaseView view =
        CaseView.of(
            c,
            zone,
            filer,
            catalogue
                .category(c.categoryVersion, c.categoryCode)
                .map(
                    k ->
                        new CaseView.Category(
                            k.code(),
                            k.version(),
                            k.name(),
                            k.nameEn(),
                            k.kind(),
                            k.defaultUrgency()))
                .orElse(null),
            List.copyOf(reporters),
            c.mergedInto == null
                ? null
                : cases.find(c.mergedInto).map(m -> m.caseNumber).orElse(null),
            freeText);
    return new Seen(
        view,
        filer.disclosed()
            || reporters.stream().anyMatch(r -> r.name() != null || r.phone() != null));
  }

  // One reporter's data: in full or masked. A key missing from the
  // configuration, or a row altered in the database: the reporter is shown without their data,
  // and the operators are told (never with the data).
  private CaseView.Shown reveal(
      CaseRecord c, Optional<SealedReporter> sealed, SealedReporter.Holder holder, boolean inFull) {
    if (sealed.isEmpty()) {
      return CaseView.Shown.NOTHING;
    }
    try {
      if (inFull) {
        SealedReporter.Reporter reporter = sealed.get().open(cipher, holder);
        return new CaseView.Shown(
            CaseView.mask(reporter.phone()), reporter.name(), reporter.phone());
      }
      return new CaseView.Shown(CaseView.mask(sealed.get().openPhone(cipher, holder)), null, null);
    } catch (PersonalDataCipher.SealBroken e) {
      LOG.errorf(
          "the reporter's data of case %s (%s, key %s) does not open: %s",
          c.id, holder.table(), sealed.get().keyId(), e.getMessage());
      return CaseView.Shown.NOTHING;
    }
  }
}
