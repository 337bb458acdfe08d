/// Accounts, sessions, API tokens, login throttling and the audit log.
enum M003Accounts {
    static let roles = "'city_admin','street_admin','community_staff','grid_worker','department_officer','unit_liaison','party_member','resident','auditor'"

    static let migration = Migration(name: "003_accounts") { ddl in [
        """
        CREATE TABLE accounts (
            id \(ddl.id),
            username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 40),
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN (\(roles))),
            scope_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            account_id \(ddl.ref) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE api_tokens (
            id \(ddl.id),
            token_hash TEXT NOT NULL UNIQUE,
            account_id \(ddl.ref) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE TABLE login_failures (id \(ddl.id), username TEXT NOT NULL, at TEXT NOT NULL)",
        "CREATE INDEX login_failures_user ON login_failures (username, at)",
        """
        CREATE TABLE audit_log (
            id \(ddl.id),
            at TEXT NOT NULL,
            account_id \(ddl.ref),
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id \(ddl.ref),
            unit_path \(ddl.path),
            detail TEXT
        )
        """,
        "CREATE INDEX audit_log_at ON audit_log (at)",
        "CREATE INDEX audit_log_path ON audit_log (unit_path)",
    ] }
}
