package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A journey: its editable draft and its published versions (newest last). Customers enter
 * {@code activeVersion}; runs of older versions finish on theirs.
 */
public record Journey(
    long id,
    String name,
    String template,
    JourneyStatus status,
    JourneyDefinition draft,
    @JsonProperty("active_version") Integer activeVersion,
    List<Version> versions,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  public record Version(int version, JourneyDefinition definition,
      @JsonProperty("published_by") String publishedBy, @JsonProperty("published_at") Instant publishedAt) {}

  public java.util.Optional<Version> version(int number) {
    return versions.stream().filter(v -> v.version() == number).findFirst();
  }
}
