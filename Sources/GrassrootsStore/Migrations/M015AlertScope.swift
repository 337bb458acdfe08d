/// Alerts belong to the unit that received them: the same external alert (one sender, one identifier) may be
/// received by two streets, each keeping its own copy, so the uniqueness moves from (sender, identifier) to
/// (path, sender, identifier).
///
/// SQLite cannot drop a table constraint, and a migration runs in a transaction, where foreign keys cannot be
/// switched off; so `alerts` is rebuilt with no row pointing at it while it is gone: `alert_units` is set aside and
/// recreated, and incidents' `alert_id` is cleared and restored, all inside the one transaction.
enum M015AlertScope {
    static let migration = Migration(name: "015_alert_scope") { ddl in
        guard ddl.engine == .sqlite else {
            return [
                "ALTER TABLE alerts DROP CONSTRAINT alerts_sender_identifier_key",
                "ALTER TABLE alerts ADD CONSTRAINT alerts_path_sender_identifier_key UNIQUE (path, sender, identifier)",
            ]
        }
        return [
            "CREATE TEMP TABLE m015_alerts AS SELECT * FROM alerts",
            "CREATE TEMP TABLE m015_alert_units AS SELECT * FROM alert_units",
            "CREATE TEMP TABLE m015_incident_alerts AS SELECT id, alert_id FROM incidents WHERE alert_id IS NOT NULL",
            "UPDATE incidents SET alert_id = NULL WHERE alert_id IS NOT NULL",
            "DROP TABLE alert_units",
            "DROP TABLE alerts",
            """
            CREATE TABLE alerts (
                id \(ddl.id),
                source TEXT NOT NULL CHECK (source IN ('received','issued')),
                identifier TEXT NOT NULL,
                sender TEXT NOT NULL,
                sent TEXT NOT NULL,
                status TEXT NOT NULL,
                msg_type TEXT NOT NULL,
                event TEXT NOT NULL,
                severity TEXT NOT NULL,
                urgency TEXT NOT NULL,
                certainty TEXT NOT NULL,
                headline TEXT NOT NULL DEFAULT '',
                area_desc TEXT NOT NULL DEFAULT '',
                unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
                path \(ddl.path) NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('active','updated','cancelled')),
                replaces_id \(ddl.ref) REFERENCES alerts(id),
                cap_xml TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                UNIQUE (path, sender, identifier)
            )
            """,
            // In id order, so an alert's replaces_id is back before the alert that names it.
            "INSERT INTO alerts SELECT * FROM m015_alerts ORDER BY id",
            "CREATE INDEX alerts_path ON alerts (path, recorded_at)",
            """
            CREATE TABLE alert_units (
                alert_id \(ddl.ref) NOT NULL REFERENCES alerts(id),
                unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
                path \(ddl.path) NOT NULL,
                PRIMARY KEY (alert_id, unit_id)
            )
            """,
            "INSERT INTO alert_units SELECT * FROM m015_alert_units",
            "UPDATE incidents SET alert_id = (SELECT t.alert_id FROM m015_incident_alerts t WHERE t.id = incidents.id) WHERE id IN (SELECT id FROM m015_incident_alerts)",
            "DROP TABLE m015_alerts",
            "DROP TABLE m015_alert_units",
            "DROP TABLE m015_incident_alerts",
        ]
    }
}
