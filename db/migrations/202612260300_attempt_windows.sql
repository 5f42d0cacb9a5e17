-- The sign-in, password-change and API-key limits' counts on a server store, where several
-- processes may serve one database: counted here, every process refuses the same attempt, so an
-- attacker alternating between processes gets no more guesses than with one
-- (src/auth/attempt-limiter.ts). The embedded store has one process and counts in its memory: it
-- writes nothing here. One row per limit and key in a fixed window: key is the limit's name and a
-- SHA-256 digest of what it counts (an email and an address, an address, a user, an API key), never
-- the email or the address itself; window_start is the window's first attempt, count the attempts
-- since. The counting statement starts a new window over an expired one, and each limit deletes
-- its expired rows once a window, so the table holds about one window's callers.
-- Unlogged: a crash only resets the windows, which a restart of one process did already.
create unlogged table attempt_window (
  key text not null,
  window_start timestamptz not null,
  count integer not null,
  constraint attempt_window_pkey primary key (key)
);
