package dev.flywheel.campaign.store;

import java.time.Instant;

/** A campaign row as stored. */
public record CampaignRow(long tenantId, long id, String name, String status, int latestVersion,
    Integer activeVersion, Integer pendingVersion, Instant startsAt, Instant endsAt, String createdBy,
    Instant createdAt, Instant updatedAt) {

  public CampaignRow with(String newStatus, int latest, Integer active, Integer pending) {
    return new CampaignRow(tenantId, id, name, newStatus, latest, active, pending, startsAt, endsAt, createdBy,
        createdAt, updatedAt);
  }

  public CampaignRow withWindow(String newName, Instant starts, Instant ends) {
    return new CampaignRow(tenantId, id, newName, status, latestVersion, activeVersion, pendingVersion, starts, ends,
        createdBy, createdAt, updatedAt);
  }
}
