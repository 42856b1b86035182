-- Analytics rollups, maintained from EventAccepted in the ingestion transaction (see
-- dev.flywheel.analytics.rollup). Times are whole seconds since 2020-01-01T00:00Z (int4).

-- Per tenant: which milestone (event type, or type:value for a few key attributes) sits at which
-- array index. Append-only; an index is never reused.
create table analytics_milestone_keys (
  tenant_id bigint not null,
  milestone text not null,
  idx int not null check (idx >= 1),
  primary key (tenant_id, milestone),
  unique (tenant_id, idx)
);

-- One row per customer: the first and second occurrence of every milestone, plus the attributes
-- funnels break down by (each the value of the earliest event carrying one).
create table analytics_customers (
  tenant_id bigint not null,
  customer_id text not null,
  firsts int[] not null,
  seconds int[] not null,
  channel text, channel_at int,
  variant text, variant_at int,
  funder text, funder_at int,
  campaign text, campaign_at int,
  primary key (tenant_id, customer_id)
);

-- Weekly and monthly activity: per customer and event type, the periods with at least one event,
-- as sorted period numbers (weeks since Monday 2019-12-30, months since January 2020).
create table analytics_activity (
  tenant_id bigint not null,
  type text not null,
  grain char(1) not null check (grain in ('W', 'M')),
  customer_id text not null,
  periods int[] not null,
  primary key (tenant_id, type, grain, customer_id)
);

-- Events and money per day (UTC) and type.
create table analytics_daily (
  tenant_id bigint not null,
  day date not null,
  type text not null,
  events bigint not null,
  amount numeric(20, 2) not null,
  primary key (tenant_id, day, type)
);

-- Lifecycle-stage entries and exits per day (UTC), from LifecycleStageChanged.
create table analytics_lifecycle_daily (
  tenant_id bigint not null,
  day date not null,
  stage text not null,
  entered bigint not null default 0,
  exited bigint not null default 0,
  primary key (tenant_id, day, stage)
);

create table analytics_goals (
  id bigserial primary key,
  tenant_id bigint not null,
  name text not null,
  metric text not null,
  period_start date not null,
  period_end date not null,
  target numeric(20, 2) not null check (target > 0),
  alert_percent int not null default 10,
  components jsonb not null default '[]',
  created_by text not null,
  created_at timestamptz not null,
  check (period_end >= period_start),
  unique (tenant_id, name)
);

-- Element-wise least of two arrays (nulls ignored; the shorter is padded with nulls).
create function analytics_least(a int[], b int[]) returns int[] language sql immutable parallel safe as $$
  select coalesce(array_agg(least(x, y) order by i), '{}')
  from unnest(a, b) with ordinality as u(x, y, i)
$$;

-- Element-wise second occurrence after merging two (first, second) pairs: the earliest time
-- strictly later than the merged first. Replaying the same occurrence changes nothing.
create function analytics_second(f1 int[], s1 int[], f2 int[], s2 int[]) returns int[]
    language sql immutable parallel safe as $$
  select coalesce(array_agg(
           (select min(v) from unnest(array[a, b, c, d]) v where v > least(a, c)) order by i), '{}')
  from unnest(f1, s1, f2, s2) with ordinality as u(a, b, c, d, i)
$$;

-- Funder decisions per day (UTC): approval rate and credit lines over time.
create table analytics_funder_daily (
  tenant_id bigint not null,
  day date not null,
  funder text not null,
  decisions bigint not null,
  approvals bigint not null,
  line_sum numeric(20, 2) not null,
  lines bigint not null,
  primary key (tenant_id, day, funder)
);

-- Acquisition cost entered per channel and month (CPA/CPS spend).
create table analytics_channel_costs (
  tenant_id bigint not null,
  channel text not null,
  month date not null check (extract(day from month) = 1),
  cost numeric(20, 2) not null check (cost >= 0),
  primary key (tenant_id, channel, month)
);

-- Sorted union of two sorted period sets; the common case (nothing new) returns a unchanged.
create function analytics_union(a int[], b int[]) returns int[] language sql immutable parallel safe as $$
  select case when b <@ a then a else array(select distinct x from unnest(a || b) x order by x) end
$$;
