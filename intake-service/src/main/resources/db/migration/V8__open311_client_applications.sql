-- Open311 client applications and their api keys. Only a SHA-256 of each key is kept: a key is a
-- long random string, so an unsalted hash cannot be reversed by guessing, and a stolen table
-- yields no key that could file a request.
CREATE TABLE open311_client (
    client_id      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    api_key_sha256 TEXT NOT NULL UNIQUE CHECK (api_key_sha256 ~ '^[0-9a-f]{64}$')
);
