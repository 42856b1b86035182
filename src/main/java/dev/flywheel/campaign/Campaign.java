package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A campaign with all its versions. {@code plan} is the newest version (what an editor sees);
 * the active version is the approved one serving events, which may be older while a change waits
 * for approval.
 */
public record Campaign(long id, String name, CampaignStatus status,
    @JsonProperty("latest_version") int latestVersion,
    @JsonProperty("active_version") Integer activeVersion,
    @JsonProperty("pending_version") Integer pendingVersion,
    CampaignPlan plan,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    List<CampaignVersion> versions) {

  public Optional<CampaignVersion> version(Integer number) {
    return number == null ? Optional.empty() : versions.stream().filter(v -> v.version() == number).findFirst();
  }

  public Optional<CampaignPlan> activePlan() {
    return version(activeVersion).map(CampaignVersion::plan);
  }
}
