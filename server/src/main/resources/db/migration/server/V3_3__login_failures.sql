-- Failed logins per username and per client address, shared by every server instance on this database.
-- One row per key and window: the window starts at the key's first failure and ends at window_ends_at; a failure
-- after that starts a new window in the same row. Rows of ended windows are deleted now and then by the server.
-- key is the client address as text, or for a username its SHA-256 in hex (what people type as a username is
-- sometimes their password: it is not kept in clear).
CREATE TABLE auth_login_failure (
    kind           varchar(8)   NOT NULL CHECK (kind IN ('username', 'address')),
    key            varchar(160) NOT NULL,
    failures       integer      NOT NULL CHECK (failures >= 1),
    window_ends_at timestamptz  NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX auth_login_failure_window_ends_at ON auth_login_failure (window_ends_at);
