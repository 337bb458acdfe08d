/// Hardened sign-in: failed logins are counted per client address as well as per username, and API tokens expire.
/// Tokens issued before expiry existed get none on record, so they are ended here: their owners sign in again.
enum M014Sessions {
    static let migration = Migration(name: "014_sessions") { _ in [
        "ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX login_failures_address ON login_failures (address, at)",
        "ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX api_tokens_account ON api_tokens (account_id)",
    ] }
}
