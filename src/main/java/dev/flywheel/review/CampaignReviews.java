package dev.flywheel.review;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.LiveFigures;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.review.CampaignReview.Cost;
import dev.flywheel.review.CampaignReview.Link;
import dev.flywheel.review.store.ReviewStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** GRAI reviews of ended campaigns: figures pre-filled from decisions and the ledger, sections versioned. */
@Service
public class CampaignReviews {
  public static final int MAX_TEXT = 20_000;
  private final Campaigns campaigns;
  private final Ledger ledger;
  private final ReviewStore store;
  private final Clock clock;

  CampaignReviews(Campaigns campaigns, Ledger ledger, ReviewStore store, Clock clock) {
    this.campaigns = campaigns;
    this.ledger = ledger;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @throws Problem {@code not-found}, or {@code campaign-not-ended} (409) while the campaign is
   *     not ENDED
   */
  @Transactional(readOnly = true)
  public CampaignReview review(long tenantId, long campaignId) {
    Campaign c = ended(tenantId, campaignId);
    var saved = store.latest(tenantId, campaignId);
    ReviewSections s = saved.map(ReviewStore.Saved::sections).orElse(ReviewSections.EMPTY);
    CampaignPlan plan = c.activePlan().orElse(c.plan());
    Instant from = plan.window() != null && plan.window().startsAt() != null ? plan.window().startsAt() : c.createdAt();
    Instant to = plan.window() != null && plan.window().endsAt() != null ? plan.window().endsAt() : clock.instant();
    LiveFigures figures = campaigns.liveFigures(tenantId, campaignId, from, to);
    long grants = figures.grants().values().stream().mapToLong(Long::longValue).sum();
    List<Link> links = List.of(
        new Link("reach", s.reachTarget(), s.reached(), s.reached() == null ? "none" : "entered"),
        new Link("participate", s.participantTarget(), figures.participants(), "measured"),
        new Link("complete", null, grants, "measured"),
        new Link("convert", s.conversionTarget(), s.conversions(), s.conversions() == null ? "none" : "entered"));
    List<Cost> costs = costs(plan, ledger.budget(tenantId, campaignId));
    return new CampaignReview(c.id(), c.name(), plan.purpose(), plan.theme(), from, to, links, costs,
        roi(s, costs), s, saved.map(ReviewStore.Saved::version).orElse(0),
        saved.map(ReviewStore.Saved::writtenBy).orElse(null), saved.map(ReviewStore.Saved::writtenAt).orElse(null));
  }

  /** Saves the team's sections as the next version. Same refusals as {@link #review}. */
  @Transactional
  public CampaignReview save(long tenantId, long campaignId, ReviewSections sections, String actor) {
    ended(tenantId, campaignId);
    List<FieldIssue> issues = new ArrayList<>();
    if (sections.analysis().length() > MAX_TEXT) {
      issues.add(new FieldIssue("analysis", "too-long", "at most " + MAX_TEXT + " characters"));
    }
    if (sections.insights().length() > MAX_TEXT) {
      issues.add(new FieldIssue("insights", "too-long", "at most " + MAX_TEXT + " characters"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid("invalid-request", "The review is not valid", issues);
    }
    store.append(tenantId, campaignId, sections, actor, clock.instant());
    return review(tenantId, campaignId);
  }

  /** Saved versions, newest first: who wrote what when. */
  public List<ReviewVersion> versions(long tenantId, long campaignId) {
    return store.versions(tenantId, campaignId).stream()
        .map(v -> new ReviewVersion(v.version(), v.writtenBy(), v.writtenAt(), v.sections())).toList();
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ReviewVersion(int version, String writtenBy, Instant writtenAt, ReviewSections sections) {}

  private Campaign ended(long tenantId, long campaignId) {
    Campaign c = campaigns.find(tenantId, campaignId)
        .orElseThrow(() -> Problem.notFound("campaign", String.valueOf(campaignId)));
    if (c.status() != CampaignStatus.ENDED) {
      throw Problem.conflict("campaign-not-ended",
          "Campaign " + campaignId + " is " + c.status() + "; a review needs an ended campaign");
    }
    return c;
  }

  private static List<Cost> costs(CampaignPlan plan, Budget budget) {
    var assets = new TreeSet<String>();
    plan.budget().keySet().forEach(a -> assets.add(a.name()));
    budget.lines().keySet().forEach(a -> assets.add(a.name()));
    List<Cost> out = new ArrayList<>();
    for (String asset : assets) {
      long planned = plan.budget().entrySet().stream().filter(e -> e.getKey().name().equals(asset))
          .mapToLong(e -> e.getValue()).sum();
      var line = budget.lines().entrySet().stream().filter(e -> e.getKey().name().equals(asset))
          .map(java.util.Map.Entry::getValue).findFirst().orElse(new Budget.Line(0, 0, 0));
      out.add(new Cost(asset, planned, line.funded(), line.granted()));
    }
    return out;
  }

  /** Cash cost = granted cash back (fen); value = conversions × value per conversion. */
  private static Double roi(ReviewSections s, List<Cost> costs) {
    long cash = costs.stream().filter(c -> c.asset().equals("CASH_BACK")).mapToLong(Cost::granted).sum();
    if (s.conversions() == null || s.valuePerConversion() == null || cash == 0) {
      return null;
    }
    return (double) (s.conversions() * s.valuePerConversion() - cash) / cash;
  }
}
