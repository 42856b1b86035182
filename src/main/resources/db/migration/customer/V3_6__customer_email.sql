-- The customer's e-mail address, for reach's e-mail channel. Optional; shown masked.
alter table customers add column email text;
