-- Campaigns (module campaign). A campaign has numbered versions of its plan; one may be active
-- (approved, serving) and one pending (waiting for an approver) at the same time.
create table campaigns (
  tenant_id       bigint not null references tenants(id),
  id              bigint generated always as identity,
  name            text not null,
  status          text not null check (status in ('DRAFT', 'PENDING_APPROVAL', 'REJECTED', 'APPROVED',
                                                  'RUNNING', 'PAUSED', 'ENDED')),
  latest_version  int not null,
  active_version  int,
  pending_version int,
  -- the active version's window: what the clock starts and ends
  starts_at       timestamptz,
  ends_at         timestamptz,
  -- bumped on every change; the sum per tenant tells other nodes their program index is stale
  revision        bigint not null default 1,
  created_by      text not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  primary key (tenant_id, id)
);
create index campaigns_due on campaigns (status, starts_at, ends_at) where status in ('APPROVED', 'RUNNING', 'PAUSED');

create table campaign_versions (
  tenant_id        bigint not null,
  campaign_id      bigint not null,
  version          int not null,
  plan             jsonb not null,
  state            text not null check (state in ('DRAFT', 'PENDING', 'APPROVED', 'REJECTED', 'SUPERSEDED')),
  created_by       text not null,
  created_at       timestamptz not null,
  submitted_by     text,
  submitted_at     timestamptz,
  decided_by       text,
  decided_at       timestamptz,
  decision_comment text,
  primary key (tenant_id, campaign_id, version),
  foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id)
);

-- Append-only: who did what when, with the campaign before and after.
create table campaign_audit (
  tenant_id   bigint not null,
  campaign_id bigint not null,
  id          bigint generated always as identity,
  at          timestamptz not null,
  actor       text not null,
  action      text not null,
  version     int,
  comment     text,
  before      jsonb,
  after       jsonb,
  primary key (tenant_id, campaign_id, id),
  foreign key (tenant_id, campaign_id) references campaigns (tenant_id, id)
);
