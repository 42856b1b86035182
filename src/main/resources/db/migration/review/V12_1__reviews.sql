-- GRAI campaign reviews: every save is a new version (nothing is overwritten), the newest counts.
CREATE TABLE review_versions (
  tenant_id            bigint      NOT NULL,
  campaign_id          bigint      NOT NULL,
  version              int         NOT NULL CHECK (version >= 1),
  reach_target         bigint      CHECK (reach_target >= 0),
  participant_target   bigint      CHECK (participant_target >= 0),
  conversion_target    bigint      CHECK (conversion_target >= 0),
  reached              bigint      CHECK (reached >= 0),
  conversions          bigint      CHECK (conversions >= 0),
  value_per_conversion bigint      CHECK (value_per_conversion >= 0),
  analysis             text        NOT NULL DEFAULT '',
  insights             text        NOT NULL DEFAULT '',
  written_by           text        NOT NULL,
  written_at           timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id, version)
);
