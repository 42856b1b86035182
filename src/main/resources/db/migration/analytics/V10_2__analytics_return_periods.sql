-- Retention without a join: the weeks and months in which a customer did one of the key return
-- events (dev.flywheel.analytics.rollup.ReturnEvents) sit in the customer row itself, encoded as
-- slot * 100000 + period number (see Periods), sorted. Kept by the same idempotent set union as
-- analytics_activity, so late and duplicate events stay exact.
alter table analytics_customers
  add column return_weeks int[] not null default '{}',
  add column return_months int[] not null default '{}';

-- Slots: app_login 1, drawdown 2, repayment 3, investment 4 (never renumber; append only).
update analytics_customers c set
  return_weeks = coalesce((select array_agg(s.slot * 100000 + p order by s.slot, p)
                           from analytics_activity a
                             join (values ('app_login', 1), ('drawdown', 2), ('repayment', 3), ('investment', 4)) s(type, slot)
                               on s.type = a.type
                             cross join lateral unnest(a.periods) p
                           where a.tenant_id = c.tenant_id and a.customer_id = c.customer_id and a.grain = 'W'), '{}'),
  return_months = coalesce((select array_agg(s.slot * 100000 + p order by s.slot, p)
                            from analytics_activity a
                              join (values ('app_login', 1), ('drawdown', 2), ('repayment', 3), ('investment', 4)) s(type, slot)
                                on s.type = a.type
                              cross join lateral unnest(a.periods) p
                            where a.tenant_id = c.tenant_id and a.customer_id = c.customer_id and a.grain = 'M'), '{}')
where exists (select 1 from analytics_activity a where a.tenant_id = c.tenant_id and a.customer_id = c.customer_id);
