-- Group games in a community (seed 001): rounds of A/B/C questions, answers timestamped by the
-- server's receive time, the winner (earliest correct answer) revealed only when the round closes,
-- the prize granted through the ledger once, and a product post with tracked links after the game.
-- A game is a copy of its spec: editing the library activity it came from never changes it.
create table community_games (
  id             bigserial primary key,
  tenant_id      bigint not null,
  community_id   bigint not null references community_communities(id) on delete cascade,
  form           text not null check (form in ('QUIZ', 'PINYIN', 'DICE', 'RIDDLE')),
  title          text not null check (length(title) between 1 and 120),
  rules          text not null default '',
  reveal_delay_s int not null check (reveal_delay_s between 10 and 3600),
  prize_asset    text check (prize_asset in ('POINTS', 'CASH_BACK', 'LOTTERY_CHANCE', 'INTEREST_BONUS')),
  prize_amount   bigint check (prize_amount > 0),
  product_post   text,
  -- where the spec came from, e.g. 'library:12@3' or 'console'
  source         text not null,
  -- READY (no round opened yet), RUNNING, ENDED (every round closed)
  status         text not null default 'READY' check (status in ('READY', 'RUNNING', 'ENDED')),
  started_at     timestamptz,
  ended_at       timestamptz,
  -- the product post sent after the last round (kind PRODUCT)
  product_message_id bigint,
  created_by     text not null,
  created_at     timestamptz not null,
  check ((prize_asset is null) = (prize_amount is null))
);
create index community_games_community on community_games (tenant_id, community_id, id);

create table community_game_rounds (
  id            bigserial primary key,
  game_id       bigint not null references community_games(id) on delete cascade,
  tenant_id     bigint not null,
  community_id  bigint not null,
  position      int not null check (position >= 1),
  prompt        text not null,
  options       text[] not null check (cardinality(options) between 2 and 6),
  correct       int not null,
  -- PENDING → OPEN → CLOSED; the conditional update OPEN → CLOSED is the one reveal
  status        text not null default 'PENDING' check (status in ('PENDING', 'OPEN', 'CLOSED')),
  opened_at     timestamptz,
  closes_at     timestamptz,
  closed_at     timestamptz,
  closed_by     text,
  question_message_id bigint,
  winner_customer_id text,
  winner_message_id  bigint,
  winner_answered_at timestamptz,
  -- the ledger grant of the winner's prize; prize_note says why there is none (no prize, budget short)
  grant_id      bigint,
  prize_note    text,
  reveal_message_id bigint,
  unique (game_id, position),
  check (correct >= 0 and correct < cardinality(options))
);
-- one round open per community at a time: an answer belongs to exactly one round
create unique index community_game_rounds_open on community_game_rounds (community_id) where status = 'OPEN';

create table community_game_answers (
  id           bigserial primary key,
  round_id     bigint not null references community_game_rounds(id) on delete cascade,
  message_id   bigint not null unique,
  customer_id  text not null,
  sender_name  text not null,
  choice       int not null check (choice >= 0),
  correct      boolean not null,
  -- the message's server receive time
  answered_at  timestamptz not null,
  -- true: arrived after the round closed, recorded but never counted
  late         boolean not null default false
);
-- a member's first answer in a round is the one that counts
create unique index community_game_answers_counted on community_game_answers (round_id, customer_id) where not late;
create index community_game_answers_winner on community_game_answers (round_id, answered_at, message_id)
  where correct and not late;

-- tracked links in a game's product post: /c/{token} redirects to url and counts a click
create table community_game_links (
  id           bigserial primary key,
  tenant_id    bigint not null,
  game_id      bigint not null references community_games(id) on delete cascade,
  message_id   bigint,
  url          text not null,
  secret       bytea not null
);
create table community_game_clicks (
  id         bigserial primary key,
  link_id    bigint not null references community_game_links(id) on delete cascade,
  clicked_at timestamptz not null
);
create index community_game_clicks_link on community_game_clicks (link_id);
