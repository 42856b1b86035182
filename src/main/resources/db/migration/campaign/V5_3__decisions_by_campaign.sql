-- A campaign's decisions over time: the campaign page's live figures (daily grants) and the dry
-- run's look-up of events an exclusive campaign won read by (tenant, campaign, created_at).
create index campaign_decisions_campaign on campaign_decisions (tenant_id, campaign_id, created_at);
