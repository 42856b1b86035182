-- Review gaps (g7b): how the team values points (points per yuan; null = the configured default)
-- and which event type counts as a conversion (null = conversions are entered, not measured).
ALTER TABLE review_versions
  ADD COLUMN points_per_yuan  bigint CHECK (points_per_yuan > 0),
  ADD COLUMN conversion_event text   CHECK (char_length(conversion_event) <= 100);
