package dev.flywheel.fission;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.CustomerSearch;
import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers an activity recommends its employees to send the script to: members of its
 * recommended segment (customer module {@link Segments}, evaluated now) first, then customers with
 * any of its recommended tags; each customer once, names masked.
 */
@Service
public class Recommendations {
  private final Customers customers;
  private final Segments segments;

  Recommendations(Customers customers, Segments segments) {
    this.customers = customers;
    this.segments = segments;
  }

  /** One recommended customer as an employee sees them. */
  public record Recommended(String id, String displayNameMasked) {}

  @Transactional(readOnly = true)
  public List<Recommended> of(long tenantId, Activity activity, int limit) {
    Map<String, Recommended> found = new LinkedHashMap<>();
    Long segment = activity.recommendSegmentId();
    if (segment != null && segments.find(tenantId, segment).isPresent()) {
      for (String id : segments.members(tenantId, segment, 0, limit).customerIds()) {
        found.putIfAbsent(id, new Recommended(id,
            customers.find(tenantId, id).map(CustomerProfile::displayNameMasked).orElse(id)));
      }
    }
    for (String tag : activity.recommendTags()) {
      customers.search(tenantId, new CustomerSearch(null, tag, null, null), 0, limit).items()
          .forEach(s -> found.putIfAbsent(s.id(), new Recommended(s.id(), s.displayNameMasked())));
    }
    return found.values().stream().limit(limit).toList();
  }

  boolean segmentExists(long tenantId, long segmentId) {
    return segments.find(tenantId, segmentId).isPresent();
  }
}
