-- Journeys (module journey). A journey has a draft and numbered published versions; a run is one
-- customer on one version and finishes on it, whatever is published later.
create table journeys (
  tenant_id       bigint not null references tenants(id),
  id              bigint generated always as identity,
  name            text not null,
  template        text,
  status          text not null check (status in ('DRAFT', 'ACTIVE', 'PAUSED')),
  draft           jsonb not null,
  active_version  int,
  created_by      text not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  primary key (tenant_id, id)
);

create table journey_versions (
  tenant_id        bigint not null,
  journey_id       bigint not null,
  version          int not null,
  definition       jsonb not null,
  -- what the ingestion path looks up without parsing the definition
  trigger_kind     text not null,
  trigger_event    text,
  published_by     text not null,
  published_at     timestamptz not null,
  primary key (tenant_id, journey_id, version),
  foreign key (tenant_id, journey_id) references journeys (tenant_id, id)
);

-- One customer on one journey version. step_seq counts executed steps: the step with number
-- step_seq runs next, at due_at (or when waiting_event arrives, timing out at due_at).
create table journey_runs (
  id              bigint generated always as identity primary key,
  tenant_id       bigint not null,
  journey_id      bigint not null,
  version         int not null,
  customer_id     text not null,
  status          text not null check (status in ('ACTIVE', 'WAITING', 'DONE')),
  step_key        text,
  step_seq        int not null default 0,
  due_at          timestamptz,
  waiting_event   text,
  entry_key       text not null,
  context         jsonb not null,
  entered_at      timestamptz not null,
  ended_at        timestamptz,
  exit_reason     text,
  last_step_key   text,
  foreign key (tenant_id, journey_id, version) references journey_versions (tenant_id, journey_id, version),
  constraint journey_runs_entry unique (tenant_id, journey_id, entry_key)
);
-- at most one run in flight per customer and journey (re-entry only after exit)
create unique index journey_runs_in_flight on journey_runs (tenant_id, journey_id, customer_id)
  where status <> 'DONE';
create index journey_runs_due on journey_runs (due_at) where status <> 'DONE';
create index journey_runs_customer on journey_runs (tenant_id, customer_id) where status <> 'DONE';
create index journey_runs_journey on journey_runs (tenant_id, journey_id, version);

-- Every executed step of a run, once: the unique (run_id, seq) is the exactly-once guard.
create table journey_steps (
  run_id          bigint not null references journey_runs (id),
  seq             int not null,
  tenant_id       bigint not null,
  journey_id      bigint not null,
  version         int not null,
  step_key        text not null,
  step_type       text not null,
  outcome         text not null,
  arm             text,
  channel         text,
  message_id      bigint,
  variant         text,
  at              timestamptz not null,
  primary key (run_id, seq)
);
create index journey_steps_journey on journey_steps (tenant_id, journey_id, version, step_key);

-- The first occurrence of each milestone event type during a run (login, drawdown …).
create table journey_milestones (
  run_id          bigint not null references journey_runs (id),
  event_type      text not null,
  tenant_id       bigint not null,
  journey_id      bigint not null,
  at              timestamptz not null,
  primary key (run_id, event_type)
);
create index journey_milestones_journey on journey_milestones (tenant_id, journey_id, event_type);

-- Segment-entry triggers: who was a member at the last sweep, so only new members enter.
create table journey_segment_members (
  tenant_id       bigint not null,
  journey_id      bigint not null,
  customer_id     text not null,
  seen_at         timestamptz not null,
  primary key (tenant_id, journey_id, customer_id)
);

-- Schedule triggers: the days (tenant time) a journey's daily entry has run.
create table journey_schedule_days (
  tenant_id       bigint not null,
  journey_id      bigint not null,
  day             date not null,
  entered         int not null,
  primary key (tenant_id, journey_id, day)
);
