/// Messages to people outside the app (SMS first). A message is written in the transaction of the event that causes
/// it, so an answered request and its text to the resident commit together or not at all; a sender sends it later,
/// with retries. The phone is kept encrypted and decrypted only to send; `recipient` is its masked form, for staff.
/// `report_token` is the random secret the gateway's delivery report must carry back.
enum M018Messages {
    static let migration = Migration(name: "018_messages") { ddl in [
        """
        CREATE TABLE messages (
            id \(ddl.id),
            event TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('sms')),
            record_kind TEXT NOT NULL,
            record_id \(ddl.ref) NOT NULL,
            path \(ddl.path) NOT NULL,
            recipient TEXT NOT NULL,
            address_enc TEXT,
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'no_address')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_error TEXT,
            report_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            delivered_at TEXT,
            CHECK (status = 'no_address' OR address_enc IS NOT NULL)
        )
        """,
        "CREATE INDEX messages_record ON messages (record_kind, record_id)",
        "CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'queued'",
    ] }
}
