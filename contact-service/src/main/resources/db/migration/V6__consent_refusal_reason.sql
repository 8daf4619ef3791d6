-- Why an opt-in was refused (state 'refused': the number opted out by keyword).
alter table consent_event add column reason text;
