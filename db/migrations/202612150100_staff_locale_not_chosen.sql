-- A staff user's language was 'en' from the start, so a person who never chose one was
-- switched to English at sign-in even when they had signed in in Latvian or Indonesian.
-- NULL now means "not chosen": the web app saves the language the person signed in with.
-- Existing rows keep what they have: a stored 'en' cannot be told apart from a chosen
-- one, and switching someone's language under them would be a worse surprise than the
-- one this fixes; they change it in the language menu as before.
alter table staff_user alter column locale drop default;
alter table staff_user alter column locale drop not null;
