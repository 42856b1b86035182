-- Employee e-mails are retried with backoff while the mail server is unavailable: a notice's
-- e-mail stays PENDING with the next attempt's time; a claim (PENDING -> SENDING) carries a lease,
-- so an e-mail whose sender died mid-send is claimed again once the lease ran out.
alter table fission_notifications
  add column email_attempts    int not null default 0,
  add column email_next_at     timestamptz,
  add column email_lease_until timestamptz;
update fission_notifications set email_next_at = created_at where email_status = 'PENDING';
drop index fission_notifications_email_pending;
create index fission_notifications_email_due on fission_notifications (email_next_at)
  where email_status in ('PENDING', 'SENDING');
