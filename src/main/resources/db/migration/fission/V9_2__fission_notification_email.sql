-- every employee notification is also an e-mail, sent once after the notification commits
alter table fission_notifications
  add column email_to     text,
  add column email_status text check (email_status in ('PENDING', 'SENDING', 'SENT', 'NOT_SENT')),
  add column email_reason text,
  add column email_at     timestamptz;
create index fission_notifications_email_pending on fission_notifications (id) where email_status = 'PENDING';
