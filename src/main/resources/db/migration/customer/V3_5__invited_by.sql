-- Who invited the customer: the invited_by attribute of their first registered event (kept once set).
-- Campaign rules read it as customer.invited_by (invitation rewards go to the inviter).
alter table customers add column invited_by text;
