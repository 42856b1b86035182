package dev.flywheel.review;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignPeople;
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
import dev.flywheel.review.CampaignReview.Valuation;
import dev.flywheel.review.store.ReviewStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  private final ResultFigures results;
  private final Clock clock;

  CampaignReviews(Campaigns campaigns, Ledger ledger, ReviewStore store, ResultFigures results, Clock clock) {
    this.campaigns = campaigns;
    this.results = results;
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
    CampaignPeople people = campaigns.people(tenantId, campaignId, from, to);
    Set<String> converted = results.converted(tenantId, s.conversionEvent(), people.participants(), from, to);
    long grants = figures.grants().values().stream().mapToLong(Long::longValue).sum();
    Long conversions = s.conversions() != null ? s.conversions() : converted == null ? null : (long) converted.size();
    List<Link> links = List.of(
        new Link("reach", s.reachTarget(), s.reached() != null ? s.reached() : people.reached(),
            s.reached() != null ? "entered" : "measured"),
        new Link("participate", s.participantTarget(), (long) people.participants().size(), "measured"),
        new Link("complete", null, grants, "measured"),
        new Link("convert", s.conversionTarget(), conversions,
            s.conversions() != null ? "entered" : converted != null ? "measured" : "none"));
    List<Cost> costs = costs(plan, ledger.budget(tenantId, campaignId));
    Valuation valuation = results.valuation(tenantId, campaignId, s, costs, conversions);
    return new CampaignReview(c.id(), c.name(), plan.purpose(), plan.theme(), from, to, links, costs, valuation,
        ResultFigures.roi(valuation), results.split(tenantId, people, converted, from, to), s,
        saved.map(ReviewStore.Saved::version).orElse(0),
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
    if (sections.conversionEvent() != null && !sections.conversionEvent().matches("[A-Za-z0-9_.:-]{1,100}")) {
      issues.add(new FieldIssue("conversion_event", "invalid", "an event type such as drawdown"));
    }
    if (sections.pointsPerYuan() != null && sections.pointsPerYuan() < 1) {
      issues.add(new FieldIssue("points_per_yuan", "invalid", "a whole number of at least 1"));
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
}
