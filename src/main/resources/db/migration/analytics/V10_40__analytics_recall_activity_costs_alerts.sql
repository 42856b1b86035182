-- Analytics gaps (issue 7): recall funnel, campaign activity data, CPA/CPS channel costs and the
-- funder alert e-mail. Times are whole seconds since 2020-01-01T00:00Z (int4), as elsewhere.

-- Every occurrence time of the few event types the recall funnel steps through
-- (dev.flywheel.analytics.Recall.TYPES), per customer, sorted: "the first click after being
-- reached" needs more than the first and second time. Kept by idempotent set union.
create table analytics_occurrences (
  tenant_id bigint not null,
  type text not null,
  customer_id text not null,
  times int[] not null,
  primary key (tenant_id, type, customer_id)
);

-- Per campaign and customer (events attributed to the campaign): the first attributed event, the
-- promotion channel of the earliest one naming it (attribute channel, else source, else the
-- event's attribution channel), the first attributed share and the first attributed completion
-- (investment, drawdown, coupon_redeemed). Least-merges: late and duplicate events stay exact.
create table analytics_campaign_customers (
  tenant_id bigint not null,
  campaign text not null,
  customer_id text not null,
  joined_at int not null,
  channel text, channel_at int,
  shared_at int,
  completed_at int,
  primary key (tenant_id, campaign, customer_id)
);

-- Acquisition price per channel and period: CPA (per registered customer), CPS (per funded
-- customer, first drawdown) or FIXED (a lump sum for the period). Periods of one channel and model
-- never overlap (checked under an advisory lock when saved).
create table analytics_acquisition_prices (
  id bigserial primary key,
  tenant_id bigint not null,
  channel text not null check (length(channel) between 1 and 64),
  model text not null check (model in ('CPA', 'CPS', 'FIXED')),
  period_start date not null,
  period_end date not null,
  price numeric(20, 2) not null check (price >= 0),
  created_by text not null,
  created_at timestamptz not null,
  check (period_end >= period_start)
);
create index analytics_acquisition_prices_channel on analytics_acquisition_prices (tenant_id, channel, period_start);

-- Funder alert set-up per tenant: the drop (percent vs trailing average) that raises an alert and
-- who receives it by e-mail.
create table analytics_funder_alert_settings (
  tenant_id bigint primary key,
  threshold_percent int not null check (threshold_percent between 1 and 100),
  recipients text[] not null default '{}',
  updated_by text not null,
  updated_at timestamptz not null
);

-- One alert = one funder and reason while the drop lasts: opened the first check that sees it,
-- closed the first check that no longer does. At most one open alert per funder and reason.
create table analytics_funder_alerts (
  id bigserial primary key,
  tenant_id bigint not null,
  funder text not null,
  reason text not null check (reason in ('approval-rate-drop', 'credit-line-drop')),
  recent_value numeric(20, 4),
  trailing_value numeric(20, 4),
  threshold_percent int not null,
  opened_at timestamptz not null,
  closed_at timestamptz
);
create unique index analytics_funder_alerts_open on analytics_funder_alerts (tenant_id, funder, reason)
  where closed_at is null;

-- The e-mail of an alert to each recipient: PENDING → SENDING (claimed by a conditional update,
-- so each is sent at most once) → SENT or NOT_SENT with reach's reason.
create table analytics_funder_alert_mails (
  alert_id bigint not null references analytics_funder_alerts (id),
  recipient text not null,
  status text not null check (status in ('PENDING', 'SENDING', 'SENT', 'NOT_SENT')),
  reason text,
  sent_at timestamptz,
  primary key (alert_id, recipient)
);
