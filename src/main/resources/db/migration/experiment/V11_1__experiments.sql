-- A/B(/n) experiments: variants with weights, exposures (first one counts), conversions per
-- exposed customer and metric after exposure (maintained from accepted events).
CREATE TABLE experiment_experiments (
  tenant_id          bigint      NOT NULL,
  key                text        NOT NULL,
  name               text        NOT NULL,
  subject            text        NOT NULL CHECK (subject IN ('LANDING_PAGE', 'MESSAGE_COPY', 'JOURNEY_BRANCH', 'CAMPAIGN_VARIANT')),
  primary_metric     text        NOT NULL,
  guardrail_metrics  text[]      NOT NULL DEFAULT '{}',
  status             text        NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'STOP_REQUESTED', 'STOPPED')),
  created_by         text        NOT NULL,
  created_at         timestamptz NOT NULL,
  stop_requested_by  text,
  stop_reason        text,
  stop_requested_at  timestamptz,
  stopped_by         text,
  stopped_at         timestamptz,
  PRIMARY KEY (tenant_id, key),
  CHECK (stopped_by IS NULL OR stopped_by <> stop_requested_by)
);

CREATE TABLE experiment_variants (
  tenant_id      bigint NOT NULL,
  experiment_key text   NOT NULL,
  position       int    NOT NULL,
  name           text   NOT NULL,
  weight         int    NOT NULL CHECK (weight BETWEEN 1 AND 100),
  PRIMARY KEY (tenant_id, experiment_key, position),
  UNIQUE (tenant_id, experiment_key, name),
  FOREIGN KEY (tenant_id, experiment_key) REFERENCES experiment_experiments (tenant_id, key)
);

CREATE TABLE experiment_exposures (
  tenant_id      bigint      NOT NULL,
  experiment_key text        NOT NULL,
  customer_id    text        NOT NULL,
  variant        text        NOT NULL,
  exposed_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, experiment_key, customer_id)
);
CREATE INDEX experiment_exposures_customer ON experiment_exposures (tenant_id, customer_id);

CREATE TABLE experiment_conversions (
  tenant_id      bigint      NOT NULL,
  experiment_key text        NOT NULL,
  customer_id    text        NOT NULL,
  metric         text        NOT NULL,
  variant        text        NOT NULL,
  converted_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, experiment_key, customer_id, metric)
);
