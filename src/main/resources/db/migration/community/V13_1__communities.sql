-- Community module: bank customer communities (group chats) run by account managers.
-- A community is bound to one chat adapter: the built-in web chat room (WEB_ROOM) or an external
-- group chat reached through a signed HTTP adapter (HTTP). Every message in either direction is a
-- row in community_messages, stamped with the server's receive time.
create table community_communities (
  id           bigserial primary key,
  tenant_id    bigint not null references tenants(id),
  name         text not null check (length(name) between 1 and 120),
  description  text not null default '',
  chat_kind    text not null check (chat_kind in ('WEB_ROOM', 'HTTP')),
  -- HTTP adapter: where outbound posts go (null for the web room)
  chat_url     text,
  -- HMAC secret, both ways: inbound webhooks are verified with it, outbound posts signed with it
  chat_secret  text not null,
  -- the web room's join link: /h5/communities/join/{join_code}
  join_code    text not null unique,
  status       text not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED')),
  created_by   text not null,
  created_at   timestamptz not null,
  unique (tenant_id, name),
  check (chat_kind <> 'HTTP' or chat_url is not null)
);

-- account managers (EMPLOYEE console users) who run the community
create table community_managers (
  community_id bigint not null references community_communities(id) on delete cascade,
  username     text not null,
  primary key (community_id, username)
);

create table community_members (
  community_id bigint not null references community_communities(id) on delete cascade,
  tenant_id    bigint not null,
  customer_id  text not null,
  display_name text not null,
  joined_at    timestamptz not null,
  left_at      timestamptz,
  primary key (community_id, customer_id),
  foreign key (tenant_id, customer_id) references customers(tenant_id, id)
);
create index community_members_customer on community_members (tenant_id, customer_id);

create table community_messages (
  id            bigserial primary key,
  tenant_id     bigint not null,
  community_id  bigint not null references community_communities(id) on delete cascade,
  direction     text not null check (direction in ('IN', 'OUT')),
  -- IN: the chat's own message id (a replayed webhook is stored once); OUT: null
  external_id   text,
  -- IN: the member who wrote it when known; OUT: null
  customer_id   text,
  sender_name   text not null,
  body          text not null check (length(body) between 1 and 4000),
  -- CHAT (members, managers), GAME (rounds), PRODUCT (product placement), SOP (calendar posts)
  kind          text not null default 'CHAT' check (kind in ('CHAT', 'GAME', 'PRODUCT', 'SOP')),
  -- what produced an outbound post, e.g. 'game-round:12', 'sop-slot:7'
  reference     text,
  received_at   timestamptz not null,
  -- OUT only: PENDING until the adapter took it, then SENT or FAILED (with the reason)
  delivery      text check (delivery in ('PENDING', 'SENT', 'FAILED')),
  failure       text,
  attempts      int not null default 0,
  -- OUT: when the next delivery attempt is due (a lease while an attempt runs)
  next_attempt_at timestamptz,
  check ((direction = 'IN') = (delivery is null))
);
create unique index community_messages_inbound on community_messages (community_id, external_id)
  where direction = 'IN';
create index community_messages_room on community_messages (community_id, id);
create index community_messages_due on community_messages (next_attempt_at) where delivery = 'PENDING';
