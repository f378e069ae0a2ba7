-- Refresh tokens already used (rotation) are kept until they expire, so each can be used once.
-- Rows whose expires_at has passed are deleted now and then by the server; they could not be used anyway.
CREATE TABLE auth_refresh_blacklist (
    jti            varchar(64) PRIMARY KEY,
    user_id        bigint      NOT NULL,
    expires_at     timestamptz NOT NULL,
    blacklisted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_refresh_blacklist_expires_at ON auth_refresh_blacklist (expires_at);
