-- Fission (invite-and-assist) activities: a customer starts a task, N helpers help, the reward is
-- redeemed once. Promises kept here: helps never exceed helpers_needed (check + conditional
-- update), one help per (task, helper), optionally one help per (activity, helper), one task per
-- (activity, customer), one redemption per task.
create table fission_activities (
  id                     bigserial primary key,
  tenant_id              bigint      not null,
  name                   text        not null check (length(name) between 1 and 200),
  rules                  text        not null default '',
  starts_at              timestamptz not null,
  ends_at                timestamptz not null,
  helpers_needed         int         not null check (helpers_needed between 1 and 100),
  new_customers_only     boolean     not null default true,
  one_task_per_helper    boolean     not null default true,
  reward_asset           text        not null,
  reward_amount          bigint      not null check (reward_amount > 0),
  reward_coupon_template bigint,
  max_rewards            int         not null check (max_rewards > 0),
  poster                 bytea,
  poster_type            text,
  qr_x                   int         not null default 0 check (qr_x >= 0),
  qr_y                   int         not null default 0 check (qr_y >= 0),
  qr_size                int         not null default 200 check (qr_size between 64 and 2000),
  employee_script        text        not null default '',
  customer_script        text        not null default '',
  employee_org_unit      text,
  recommend_tags         text[]      not null default '{}',
  remind_before_minutes  int         check (remind_before_minutes between 0 and 10080),
  live_code_strategy     text        not null default 'ROUND_ROBIN' check (live_code_strategy in ('ROUND_ROBIN', 'LEAST_LOADED')),
  live_code_turn         bigint      not null default 0,
  invite_ttl_seconds     int         not null default 604800 check (invite_ttl_seconds between 60 and 2592000),
  device_flag_threshold  int         not null default 3 check (device_flag_threshold >= 1),
  secret                 bytea       not null,
  created_by             text        not null,
  created_at             timestamptz not null,
  check (ends_at > starts_at)
);
create index fission_activities_tenant on fission_activities (tenant_id, id desc);

-- employees as fission sees them: a console user (role EMPLOYEE) with an organisation unit
create table fission_employees (
  tenant_id  bigint not null,
  user_id    bigint not null,
  name       text   not null,
  org_unit   text   not null default '',
  primary key (tenant_id, user_id)
);

-- the live code's employees of an activity, each with a welcome message
create table fission_acquirers (
  activity_id bigint not null references fission_activities (id),
  user_id     bigint not null,
  position    int    not null,
  welcome     text   not null default '',
  assigned    bigint not null default 0 check (assigned >= 0),
  primary key (activity_id, user_id)
);

-- which employee a customer was handed to by the live code (or by an employee's own link)
create table fission_contacts (
  activity_id bigint      not null references fission_activities (id),
  customer_id text        not null,
  user_id     bigint      not null,
  created_at  timestamptz not null,
  primary key (activity_id, customer_id)
);

create table fission_tasks (
  id             bigserial primary key,
  tenant_id      bigint      not null,
  activity_id    bigint      not null references fission_activities (id),
  customer_id    text        not null,
  employee_id    bigint,
  device_id      text,
  helps          int         not null default 0,
  helpers_needed int         not null,
  started_at     timestamptz not null,
  completed_at   timestamptz,
  redeemed_at    timestamptz,
  redeemed_by    text,
  grant_id       bigint,
  check (helps between 0 and helpers_needed),
  unique (activity_id, customer_id)
);
create index fission_tasks_employee on fission_tasks (activity_id, employee_id);

create table fission_helps (
  id               bigserial primary key,
  tenant_id        bigint      not null,
  activity_id      bigint      not null references fission_activities (id),
  task_id          bigint      not null references fission_tasks (id),
  helper_id        text        not null,
  -- = helper_id when the activity allows one task per helper, else null (nulls never collide)
  exclusive_helper text,
  device_id        text,
  ip               text,
  is_new           boolean     not null,
  status           text        not null check (status in ('COUNTED', 'HELD', 'REJECTED')),
  flags            text[]      not null default '{}',
  created_at       timestamptz not null,
  reviewed_at      timestamptz,
  reviewed_by      text,
  unique (task_id, helper_id),
  unique (activity_id, exclusive_helper)
);
create index fission_helps_device on fission_helps (activity_id, device_id);
create index fission_helps_ip on fission_helps (activity_id, ip);
create index fission_helps_held on fission_helps (activity_id) where status = 'HELD';

-- the console's notification list for employees
create table fission_notifications (
  id          bigserial primary key,
  tenant_id   bigint      not null,
  user_id     bigint      not null,
  activity_id bigint      not null references fission_activities (id),
  kind        text        not null,
  body        text        not null,
  created_at  timestamptz not null,
  unique (activity_id, user_id, kind)
);
