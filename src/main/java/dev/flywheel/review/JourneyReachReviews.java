package dev.flywheel.review;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyWeek;
import dev.flywheel.journey.Journeys;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.review.JourneyReachReview.Total;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/** Weekly reach reviews of journeys, read from the journey module (which reads reach's message figures). */
@Service
public class JourneyReachReviews {
  private final Journeys journeys;
  private final Tenants tenants;

  JourneyReachReviews(Journeys journeys, Tenants tenants) {
    this.journeys = journeys;
    this.tenants = tenants;
  }

  /** @throws Problem {@code not-found} for an unknown journey; a journey without messages has empty lists */
  public JourneyReachReview review(long tenantId, long journeyId) {
    Journey journey = journeys.find(tenantId, journeyId)
        .orElseThrow(() -> Problem.notFound("journey", String.valueOf(journeyId)));
    ZoneId zone = tenants.find(tenantId).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
    List<JourneyWeek> rows = journeys.weeklyReach(tenantId, journeyId, zone);
    List<Total> weeks = totals(rows, r -> r.week().toString(),
        r -> new Total(r.week(), null, null, null, 0, 0, 0, 0, 0));
    List<Total> variants = totals(rows, r -> r.version() + "/" + r.step() + "/" + r.variant(),
        r -> new Total(null, r.version(), r.step(), r.variant(), 0, 0, 0, 0, 0));
    return new JourneyReachReview(journeyId, journey.name(), zone.getId(), rows, weeks, variants);
  }

  private static List<Total> totals(List<JourneyWeek> rows, Function<JourneyWeek, String> key,
      Function<JourneyWeek, Total> empty) {
    Map<String, Total> out = new LinkedHashMap<>();
    for (JourneyWeek r : rows) {
      out.merge(key.apply(r), add(empty.apply(r), r), (a, b) -> new Total(a.week(), a.version(), a.step(), a.variant(),
          a.messages() + b.messages(), a.delivered() + b.delivered(), a.opened() + b.opened(),
          a.clicked() + b.clicked(), a.converted() + b.converted()));
    }
    return new ArrayList<>(out.values());
  }

  private static Total add(Total t, JourneyWeek r) {
    return new Total(t.week(), t.version(), t.step(), t.variant(), r.messages(), r.delivered(), r.opened(), r.clicked(),
        r.converted());
  }
}
