package dev.flywheel.event;

import java.util.List;
import java.util.Map;

/**
 * SPI: what downstream modules committed because of events (grants, tags, signals), so that
 * {@code POST /api/v1/events} can answer with it. The event module defines it and never depends on
 * its implementor (the campaign module). Called after the ingestion transaction committed (for a
 * group commit, once for the whole group), also for duplicates (the original's effects). Implementations must be thread-safe and cheap: one
 * indexed read for a whole batch.
 */
public interface EventEffects {

  /**
   * @param eventIds accepted or duplicate event ids of one request
   * @return per event id a JSON-ready object ({@code String}/{@code Number}/{@code Boolean},
   *     lists and maps of those); ids without an entry are answered without {@code effects}
   */
  Map<String, Map<String, Object>> effectsOf(long tenantId, List<String> eventIds);
}
