/// Open311 lists requests to anyone, so a request is public only when the resident agreed or its category is public by
/// the city's configuration; the public reads only replies written for it, and a key sees in full what it filed.
enum M016PublicRequests {
    static let migration = Migration(name: "016_public_requests") { ddl in [
        "ALTER TABLE requests ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1))",
        "ALTER TABLE requests ADD COLUMN public_reply TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE requests ADD COLUMN open311_key_id \(ddl.ref) REFERENCES open311_keys (id)",
        "ALTER TABLE request_categories ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1))",
        "CREATE INDEX requests_open311_key ON requests (open311_key_id)",
    ] }
}
