-- Platform: tenants, console users, API keys.
create table tenants (
  id          bigint generated always as identity primary key,
  slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name        text not null,
  time_zone   text not null default 'Asia/Shanghai',
  created_at  timestamptz not null
);

create table console_users (
  id            bigint generated always as identity primary key,
  tenant_id     bigint not null references tenants(id),
  username      text not null unique,
  display_name  text not null,
  password_hash text not null,
  roles         text[] not null check (roles <@ array['OPERATOR','APPROVER','ADMIN','EMPLOYEE']),
  enabled       boolean not null default true,
  created_at    timestamptz not null
);
create index console_users_tenant on console_users (tenant_id);

-- Keys are 32 random bytes; only their SHA-256 is stored (a slow hash buys nothing for
-- high-entropy secrets and would cost every API call).
create table api_keys (
  id            bigint generated always as identity primary key,
  tenant_id     bigint not null references tenants(id),
  name          text not null,
  key_prefix    text not null,
  key_hash      bytea not null unique,
  created_by    text not null,
  created_at    timestamptz not null,
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
create index api_keys_tenant on api_keys (tenant_id);

-- db-scheduler's table (durable jobs: partition upkeep, lifecycle recomputation, ...)
create table scheduled_tasks (
  task_name            text not null,
  task_instance        text not null,
  task_data            bytea,
  execution_time       timestamptz not null,
  picked               boolean not null,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures int,
  last_heartbeat       timestamptz,
  version              bigint not null,
  priority             smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Spring Modulith's event publication registry (durable after-commit listeners)
create table event_publication (
  id                     uuid not null primary key,
  listener_id            text not null,
  event_type             text not null,
  serialized_event       text not null,
  publication_date       timestamptz not null,
  completion_date        timestamptz,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
