/// Photos on records. The file lives on disk under its SHA-256 (`PhotoStore`); the row says who uploaded it, which
/// record holds it and that record's place, so a photo is shown to exactly those who may see its record. A photo is
/// uploaded before the record that holds it is written; until then only its uploader may see it. A photo sent with
/// an Open311 request comes with it, from the key's system: it names the key instead of an account.
enum M017Photos {
    static let migration = Migration(name: "017_photos") { ddl in [
        """
        CREATE TABLE photos (
            id \(ddl.id),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
            bytes INTEGER NOT NULL CHECK (bytes > 0),
            uploaded_by \(ddl.ref) REFERENCES accounts (id),
            open311_key_id \(ddl.ref) REFERENCES open311_keys (id),
            uploaded_at TEXT NOT NULL,
            record_kind TEXT CHECK (record_kind IN ('assignment', 'request', 'summons_step', 'council_minutes')),
            record_id \(ddl.ref),
            path \(ddl.path),
            CHECK ((record_kind IS NULL) = (record_id IS NULL) AND (record_id IS NULL) = (path IS NULL)),
            CHECK (uploaded_by IS NOT NULL OR (open311_key_id IS NOT NULL AND record_id IS NOT NULL))
        )
        """,
        "CREATE INDEX photos_record ON photos (record_kind, record_id)",
        "CREATE INDEX photos_sha256 ON photos (sha256)",
        "CREATE INDEX photos_loose ON photos (uploaded_at) WHERE record_id IS NULL",
    ] }
}
