-- How often dispatching a message failed (e.g. its hand-over threw): the dispatcher backs off
-- exponentially instead of retrying a failing customer every round, and drops the message with
-- reason 'dispatch-failed' after too many failures.
alter table reach_messages add column dispatch_failures int not null default 0;
