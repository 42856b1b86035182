-- Evaluation (module campaign): what each running campaign decided for each event it listened to,
-- per-customer cap counters, and outbound signals for other systems.

-- One row per (event, campaign that listened), written in the ingestion transaction. applied rows
-- carry the committed effects (what POST /api/v1/events answers, also for a replay).
create table campaign_decisions (
  tenant_id      bigint not null,
  event_id       text not null,
  campaign_id    bigint not null,
  version        int not null,
  campaign_name  text not null,
  customer_id    text not null,
  event_type     text not null,
  applied        boolean not null,
  -- APPLIED, OUTSIDE_WINDOW, NOT_IN_AUDIENCE, CONDITION_FALSE, EVALUATION_ERROR, NOTHING_TO_GRANT,
  -- CAP_REACHED, EXCLUDED, BUDGET_EXHAUSTED
  reason         text not null,
  detail         text,
  rules          jsonb not null default '[]',
  effects        jsonb not null default '{}',
  -- evaluation order within the event (priority order)
  position       int not null,
  created_at     timestamptz not null,
  primary key (tenant_id, event_id, campaign_id)
);
create index campaign_decisions_customer on campaign_decisions (tenant_id, customer_id, created_at desc);

-- Applications of a campaign to one customer per period: D:<date>, W:<iso week>, C (whole campaign).
-- Taken with a conditional upsert (used < cap) under the row lock: concurrent events cannot exceed
-- a cap; a rolled-back ingestion gives its slot back.
create table campaign_cap_counters (
  tenant_id    bigint not null,
  campaign_id  bigint not null,
  customer_id  text not null,
  period       text not null,
  used         int not null check (used >= 0),
  primary key (tenant_id, campaign_id, customer_id, period)
);

-- Outbox of signal effects (e.g. credit_line_raise) for another system to poll and acknowledge.
create table campaign_signals (
  id               bigint generated always as identity primary key,
  tenant_id        bigint not null,
  campaign_id      bigint not null,
  rule_id          text not null,
  customer_id      text not null,
  name             text not null,
  payload          jsonb not null,
  source_event_id  text not null,
  created_at       timestamptz not null,
  delivered_at     timestamptz,
  unique (tenant_id, campaign_id, rule_id, source_event_id, name)
);
create index campaign_signals_tenant on campaign_signals (tenant_id, id);
