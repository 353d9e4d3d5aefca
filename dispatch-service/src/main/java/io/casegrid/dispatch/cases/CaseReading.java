package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.reference.DepartmentDirectory;
import io.casegrid.dispatch.reference.Departments;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finds a case for someone reading it. Staff of a department see only the cases their department
 * leads or co-handles; to them any other case does not exist (404), so its existence does not leak.
 * A department's lead also sees those of the departments below it (its branches, bureaus, streets).
 */
@ApplicationScoped
public class CaseReading {

  private static final Logger DENIED = Logger.getLogger("io.casegrid.security.denied");

  private final EntityManager entityManager;
  private final Caller caller;
  private final DepartmentDirectory directory;

  CaseReading(EntityManager entityManager, Caller caller, DepartmentDirectory directory) {
    this.entityManager = entityManager;
    this.caller = caller;
    this.directory = directory;
  }

  public DispatchCase readable(UUID id) {
    DispatchCase c = entityManager.find(DispatchCase.class, id);
    if (c == null) {
      throw DomainException.notFound("case " + id);
    }
    if (caller.isBoundToDepartment()) {
      List<String> coHandlers =
          entityManager
              .createQuery(
                  "SELECT t.departmentCode FROM CoHandlingTask t WHERE t.caseId = :id",
                  String.class)
              .setParameter("id", id)
              .getResultList();
      if (!caller.maySee(c.departmentCode(), coHandlers)
          && !leadsAbove(c.departmentCode(), coHandlers)) {
        throw caller.hiddenCase(id);
      }
    }
    return c;
  }

  /**
   * The departments whose queues a reader of {@code department}'s queue sees: that one, and with
   * {@code subDepartments} every department below it too. Staff are under their own department's
   * path already; below it only its lead may look.
   */
  public List<String> queuesOf(String department, boolean subDepartments) {
    if (!subDepartments) {
      return List.of(department);
    }
    if (caller.isBoundToDepartment() && !caller.is(Roles.DEPARTMENT_LEAD)) {
      DENIED.warnf(
          "denied %s (department %s) access to the queues below %s",
          caller.name(), caller.department().orElse("-"), department);
      throw DomainException.forbidden(
          "lead-only", "only the lead of a department sees the queues of the departments below it");
    }
    List<String> subtree = directory.departments().subtree(department);
    return subtree.isEmpty() ? List.of(department) : subtree;
  }

  // The lead of a department reads what the departments below it lead or co-handle.
  private boolean leadsAbove(String lead, List<String> coHandlers) {
    String own = caller.department().orElse(null);
    if (own == null || !caller.is(Roles.DEPARTMENT_LEAD)) {
      return false;
    }
    Departments departments = directory.departments();
    return (lead != null && departments.within(lead, own))
        || coHandlers.stream().anyMatch(d -> departments.within(d, own));
  }
}
