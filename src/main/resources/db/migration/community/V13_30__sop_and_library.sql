-- Community weekly content SOP (c-sop): templates of weekly slots, the slots materialised per
-- community and week, reminders of TASK slots; and the activity library: versioned activity
-- scripts and their exports into communities' calendars.
create table community_sop_templates (
  id          bigserial primary key,
  tenant_id   bigint not null references tenants(id),
  name        text not null check (length(name) between 1 and 120),
  description text not null default '',
  created_by  text not null,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  unique (tenant_id, name)
);

-- one slot of a template's week: weekday (1 = Monday) and local time in the tenant's zone
create table community_sop_template_slots (
  id          bigserial primary key,
  template_id bigint not null references community_sop_templates(id) on delete cascade,
  weekday     smallint not null check (weekday between 1 and 7),
  local_time  time not null,
  kind        text not null check (kind in ('PRODUCT_INFO', 'NEWS', 'PROMOTION', 'GAME', 'LONG_ACTIVITY')),
  mode        text not null check (mode in ('TASK', 'AUTO')),
  title       text not null check (length(title) between 1 and 120),
  body        text not null check (length(body) between 1 and 4000),
  -- a promotion runs on its dates only: the slot is materialised when its date is in [from, to]
  valid_from  date,
  valid_to    date,
  check (valid_to is null or valid_from is null or valid_from <= valid_to)
);
create index community_sop_template_slots_template on community_sop_template_slots (template_id);

-- a library activity: its current version; the versions themselves are immutable rows
create table community_library_activities (
  id              bigserial primary key,
  tenant_id       bigint not null references tenants(id),
  current_version int not null default 1,
  created_by      text not null,
  created_at      timestamptz not null
);

create table community_library_versions (
  activity_id     bigint not null references community_library_activities(id) on delete cascade,
  version         int not null check (version >= 1),
  title           text not null check (length(title) between 1 and 120),
  theme           text not null check (length(theme) between 1 and 60),
  tags            text[] not null default '{}',
  rules           text not null default '',
  -- [{"offset_minutes": 0, "body": "..."}, ...] in order
  content         jsonb not null,
  -- PLAIN or a GameForm (QUIZ, PINYIN, DICE, RIDDLE)
  form            text not null check (form in ('PLAIN', 'QUIZ', 'PINYIN', 'DICE', 'RIDDLE')),
  -- for game forms: {"questions": [{"prompt", "options": [...], "correct"}], "reveal_delay_seconds", "product_post"}
  game            jsonb,
  prize_asset     text,
  prize_amount    bigint check (prize_amount is null or prize_amount > 0),
  prize_note      text not null default '',
  duration_minutes int not null check (duration_minutes between 1 and 1440),
  edited_by       text not null,
  edited_at       timestamptz not null,
  primary key (activity_id, version),
  check (form = 'PLAIN' or game is not null)
);

-- an activity pulled into a community ("export to my community"): the copy it took
create table community_library_exports (
  id            bigserial primary key,
  tenant_id     bigint not null,
  community_id  bigint not null references community_communities(id) on delete cascade,
  activity_id   bigint not null,
  version       int not null,
  starts_at     timestamptz not null,
  duration_minutes int not null,
  -- the (possibly customised) game the export prepared or will prepare; null for PLAIN
  game_spec     jsonb,
  -- the games desk's id of the prepared game, when prepared
  game_id       bigint,
  exported_by   text not null,
  exported_at   timestamptz not null,
  foreign key (activity_id, version) references community_library_versions(activity_id, version)
);
create index community_library_exports_activity on community_library_exports (activity_id);

-- the slots of a community's calendar, one row per slot and week; fired once by the task sop-slot-<id>
create table community_sop_slots (
  id               bigserial primary key,
  tenant_id        bigint not null,
  community_id     bigint not null references community_communities(id) on delete cascade,
  template_id      bigint references community_sop_templates(id) on delete set null,
  template_slot_id bigint references community_sop_template_slots(id) on delete set null,
  export_id        bigint references community_library_exports(id) on delete cascade,
  -- Monday of the slot's week in the tenant's zone
  week_start       date not null,
  due_at           timestamptz not null,
  kind             text not null check (kind in ('PRODUCT_INFO', 'NEWS', 'PROMOTION', 'GAME', 'LONG_ACTIVITY')),
  mode             text not null check (mode in ('TASK', 'AUTO')),
  title            text not null,
  body             text not null check (length(body) between 1 and 4000),
  -- PLANNED until due; TASK: REMINDED when the reminder went out, DONE when the manager marks it;
  -- AUTO: DONE when posted, SKIPPED when the community could not take the post (archived)
  status           text not null default 'PLANNED' check (status in ('PLANNED', 'REMINDED', 'DONE', 'SKIPPED')),
  fired_at         timestamptz,
  done_at          timestamptz,
  done_by          text,
  post_id          bigint,
  created_by       text not null,
  created_at       timestamptz not null,
  unique (community_id, template_slot_id, week_start)
);
create index community_sop_slots_week on community_sop_slots (community_id, week_start, due_at);
create index community_sop_slots_export on community_sop_slots (export_id);

-- reminders of TASK slots to the community's managers; e-mailed once through reach's StaffMail
create table community_sop_reminders (
  slot_id      bigint not null references community_sop_slots(id) on delete cascade,
  tenant_id    bigint not null,
  username     text not null,
  body         text not null,
  created_at   timestamptz not null,
  email_to     text,
  email_status text not null check (email_status in ('PENDING', 'SENDING', 'SENT', 'NOT_SENT')),
  email_reason text,
  email_at     timestamptz,
  primary key (slot_id, username)
);
