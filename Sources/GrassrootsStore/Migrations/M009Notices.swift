/// The online community (网上社区): notices from a community, grid or compound to its households, with
/// acknowledgements where asked; and each community's service information.
enum M009Notices {
    static let migration = Migration(name: "009_notices") { ddl in [
        """
        CREATE TABLE notices (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            body TEXT NOT NULL,
            ask_ack INTEGER NOT NULL CHECK (ask_ack IN (0, 1)),
            households INTEGER NOT NULL CHECK (households >= 0),
            published_by TEXT NOT NULL,
            published_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX notices_path ON notices (path, published_at)",
        """
        CREATE TABLE notice_acks (
            notice_id \(ddl.ref) NOT NULL REFERENCES notices(id),
            household_id \(ddl.ref) NOT NULL REFERENCES households(id),
            account_id \(ddl.ref) REFERENCES accounts(id),
            at TEXT NOT NULL,
            PRIMARY KEY (notice_id, household_id)
        )
        """,
        """
        CREATE TABLE service_info (
            unit_id \(ddl.ref) PRIMARY KEY REFERENCES units(id),
            opening_hours TEXT NOT NULL,
            online_matters TEXT NOT NULL,
            phone TEXT NOT NULL,
            address TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
    ] }
}
