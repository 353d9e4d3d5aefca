package io.casegrid.dispatch.cases;

import io.casegrid.events.Channel;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A case as dispatch keeps it: where it went, why, and its state in the department's queue. Updates
 * write only the columns that changed, so the deadlines that supervision sets in the background are
 * never overwritten by a command that read the case before they arrived.
 */
@Entity
@DynamicUpdate
@Table(name = "dispatch_case")
public class DispatchCase extends PanacheEntityBase {

  @Id
  @Column(name = "case_id")
  public UUID caseId;

  @Column(name = "case_number")
  public String caseNumber;

  @Column(name = "category_code")
  public String categoryCode;

  @Enumerated(EnumType.STRING)
  public Urgency urgency;

  public String description;

  @Column(name = "district_code")
  public String districtCode;

  @Column(name = "street_code")
  public String streetCode;

  @Column(name = "community_code")
  public String communityCode;

  @Column(name = "grid_code")
  public String gridCode;

  @Column(name = "asset_code")
  public String assetCode;

  @Column(name = "asset_owner_code")
  public String assetOwnerCode;

  @Column(name = "department_code")
  public String departmentCode;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  /** Who verifies the repair: the hotline (citizens' cases) or the grid's inspector. */
  @Enumerated(EnumType.STRING)
  public Verifier verifier;

  @Enumerated(EnumType.STRING)
  public CaseState state;

  @Enumerated(EnumType.STRING)
  public RoutingBasis basis;

  @Column(name = "rule_reference")
  public String ruleReference;

  @Column(name = "reported_at")
  public Instant reportedAt;

  @Column(name = "dispatched_at")
  public Instant dispatchedAt;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  @Column(name = "closed_at")
  public Instant closedAt;

  /** What the department reports it did. */
  public String result;

  @Column(name = "rework_count")
  public int reworkCount;

  @Column(name = "return_count")
  public int returnCount;

  /** The departments that returned the case, comma-separated: routing does not send it back. */
  @Column(name = "returned_by")
  public String returnedBy = "";

  /** When the department must sign for it, as supervision set it. */
  @Column(name = "sign_due_at")
  public Instant signDueAt;

  /** When it must be resolved, as supervision set it (an approved extension moves it). */
  @Column(name = "resolve_due_at")
  public Instant resolveDueAt;

  /** Since when the case is overdue, as supervision declared it. */
  @Column(name = "overdue_since")
  public Instant overdueSince;

  /** The open supervision order (督办单) on the case, if any, and when it must be answered. */
  @Column(name = "supervision_order_id")
  public UUID supervisionOrderId;

  @Column(name = "order_respond_by")
  public Instant orderRespondBy;

  /** The new date of an approved extension. */
  @Column(name = "extended_until")
  public Instant extendedUntil;

  @Version public long version;
}
