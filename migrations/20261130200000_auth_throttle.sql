-- Log-in and sign-up throttling, shared by every replica: failures (or attempts) counted per key in a window,
-- and how long the key must wait before its next try. Keys name no person in clear: an account is the SHA-256
-- of its email, a client is its address.
CREATE TABLE auth_throttle (
    -- 'account:<hex sha256 of the email>', 'login-ip:<address>' or 'signup-ip:<address>'.
    key          TEXT        PRIMARY KEY CHECK (char_length(key) <= 120),
    failures     INTEGER     NOT NULL CHECK (failures >= 0),
    window_start TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ
);
-- Matches the clean-up of windows that have expired.
CREATE INDEX auth_throttle_window_idx ON auth_throttle (window_start);
