-- The customer's segment when the message was planned (their lifecycle stage, e.g. DORMANT):
-- best contact time falls back to the hour at which the segment's customers engaged.
alter table reach_messages add column segment text;
