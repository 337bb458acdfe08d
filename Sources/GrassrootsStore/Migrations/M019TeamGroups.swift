/// Work groups (WeCom and DingTalk group robots) of a unit's team or a department's, and messages posted to them. A
/// department's group sits at its department's unit (the city) with `department_id` set; a unit's has none. A group's robot token
/// and its signing secret are sealed like a phone: whoever holds them can post to the group. Messages gain `group_id`
/// (the group posted to, its address being the group's token) and the two robot channels.
///
/// SQLite cannot change a table's checks, and nothing refers to `messages`, so there it is rebuilt and its rows copied.
enum M019TeamGroups {
    static let migration = Migration(name: "019_team_groups") { ddl in
        let groups = [
            """
            CREATE TABLE team_groups (
                id \(ddl.id),
                unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
                department_id \(ddl.ref) REFERENCES departments(id),
                path \(ddl.path) NOT NULL,
                platform TEXT NOT NULL CHECK (platform IN ('wecom', 'dingtalk')),
                name TEXT NOT NULL,
                token_enc TEXT NOT NULL,
                secret_enc TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                removed_at TEXT
            )
            """,
            "CREATE INDEX team_groups_path ON team_groups (path)",
            "CREATE INDEX team_groups_department ON team_groups (department_id)",
        ]
        guard ddl.engine == .sqlite else {
            return groups + [
                "ALTER TABLE messages ADD COLUMN group_id BIGINT REFERENCES team_groups(id)",
                "ALTER TABLE messages DROP CONSTRAINT messages_channel_check",
                "ALTER TABLE messages ADD CONSTRAINT messages_channel_check CHECK (channel IN ('sms', 'wecom', 'dingtalk'))",
                "ALTER TABLE messages DROP CONSTRAINT messages_check",
                "ALTER TABLE messages ADD CONSTRAINT messages_address_check CHECK (status = 'no_address' OR address_enc IS NOT NULL OR group_id IS NOT NULL)",
                "CREATE INDEX messages_group_sent ON messages (group_id, sent_at) WHERE group_id IS NOT NULL",
            ]
        }
        let columns = """
            id, event, channel, record_kind, record_id, path, recipient, address_enc, body, status, attempts, next_attempt_at, expires_at, \
            last_error, report_token, created_at, sent_at, delivered_at
            """
        return groups + [
            "ALTER TABLE messages RENAME TO messages_018",
            """
            CREATE TABLE messages (
                id \(ddl.id),
                event TEXT NOT NULL,
                channel TEXT NOT NULL CHECK (channel IN ('sms', 'wecom', 'dingtalk')),
                record_kind TEXT NOT NULL,
                record_id \(ddl.ref) NOT NULL,
                path \(ddl.path) NOT NULL,
                recipient TEXT NOT NULL,
                address_enc TEXT,
                group_id \(ddl.ref) REFERENCES team_groups(id),
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
                CHECK (status = 'no_address' OR address_enc IS NOT NULL OR group_id IS NOT NULL)
            )
            """,
            "INSERT INTO messages (\(columns)) SELECT \(columns) FROM messages_018",
            "DROP TABLE messages_018",
            "CREATE INDEX messages_record ON messages (record_kind, record_id)",
            "CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'queued'",
            "CREATE INDEX messages_group_sent ON messages (group_id, sent_at) WHERE group_id IS NOT NULL",
        ]
    }
}
