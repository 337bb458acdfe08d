/// Emergency: plans with their actions per response level, alerts (received CAP documents and our own), incidents
/// (one activation of a plan level, real or drill) with what they issued, home quarantine with daily checks, and
/// supply requests delivered by volunteers. Directives and summons raised by a drill are marked, so real statistics
/// leave them out.
enum M012Emergency {
    static let levels = "'IV','III','II','I'"

    static let migration = Migration(name: "012_emergency") { ddl in [
        "ALTER TABLE directives ADD COLUMN drill INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0,1))",
        "ALTER TABLE summons ADD COLUMN drill INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0,1))",
        """
        CREATE TABLE emergency_plans (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            event_kind TEXT NOT NULL CHECK (event_kind IN ('epidemic','flood','earthquake','fire','geological','weather','other')),
            summary TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX emergency_plans_path ON emergency_plans (path)",
        """
        CREATE TABLE plan_actions (
            id \(ddl.id),
            plan_id \(ddl.ref) NOT NULL REFERENCES emergency_plans(id),
            level TEXT NOT NULL CHECK (level IN (\(levels))),
            position INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('directive','summons','notice')),
            spec_json TEXT NOT NULL,
            UNIQUE (plan_id, level, position)
        )
        """,
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
            UNIQUE (sender, identifier)
        )
        """,
        "CREATE INDEX alerts_path ON alerts (path, recorded_at)",
        """
        CREATE TABLE alert_units (
            alert_id \(ddl.ref) NOT NULL REFERENCES alerts(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            PRIMARY KEY (alert_id, unit_id)
        )
        """,
        """
        CREATE TABLE incidents (
            id \(ddl.id),
            plan_id \(ddl.ref) NOT NULL REFERENCES emergency_plans(id),
            level TEXT NOT NULL CHECK (level IN (\(levels))),
            alert_id \(ddl.ref) REFERENCES alerts(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            drill INTEGER NOT NULL CHECK (drill IN (0,1)),
            status TEXT NOT NULL CHECK (status IN ('active','stood_down')),
            estimate_json TEXT NOT NULL,
            activated_by TEXT NOT NULL,
            activated_at TEXT NOT NULL,
            stood_down_by TEXT,
            stood_down_at TEXT,
            summary TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX incidents_path ON incidents (path, activated_at)",
        """
        CREATE TABLE incident_units (
            incident_id \(ddl.ref) NOT NULL REFERENCES incidents(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            PRIMARY KEY (incident_id, unit_id)
        )
        """,
        """
        CREATE TABLE incident_items (
            incident_id \(ddl.ref) NOT NULL REFERENCES incidents(id),
            kind TEXT NOT NULL CHECK (kind IN ('directive','summons','notice')),
            ref_id \(ddl.ref) NOT NULL,
            PRIMARY KEY (incident_id, kind, ref_id)
        )
        """,
        """
        CREATE TABLE quarantines (
            id \(ddl.id),
            resident_id \(ddl.ref) NOT NULL REFERENCES residents(id),
            household_id \(ddl.ref) NOT NULL REFERENCES households(id),
            path \(ddl.path) NOT NULL,
            place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            test_days TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('active','ended')),
            incident_id \(ddl.ref) REFERENCES incidents(id),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            ended_at TEXT,
            CHECK (ends_on >= starts_on)
        )
        """,
        "CREATE INDEX quarantines_path ON quarantines (path, status)",
        """
        CREATE TABLE quarantine_checks (
            quarantine_id \(ddl.ref) NOT NULL REFERENCES quarantines(id),
            day TEXT NOT NULL,
            temperature_tenths INTEGER NOT NULL CHECK (temperature_tenths BETWEEN 340 AND 430),
            symptoms TEXT NOT NULL DEFAULT '',
            test_result TEXT NOT NULL DEFAULT '' CHECK (test_result IN ('','pending','negative','positive')),
            checked_by TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            PRIMARY KEY (quarantine_id, day)
        )
        """,
        """
        CREATE TABLE supply_requests (
            id \(ddl.id),
            household_id \(ddl.ref) NOT NULL REFERENCES households(id),
            path \(ddl.path) NOT NULL,
            items TEXT NOT NULL CHECK (length(items) BETWEEN 1 AND 500),
            reason TEXT NOT NULL CHECK (reason IN ('quarantine','vulnerable')),
            status TEXT NOT NULL CHECK (status IN ('open','assigned','delivered','cancelled')),
            volunteer_id \(ddl.ref) REFERENCES member_registrations(id),
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            assigned_at TEXT,
            delivered_at TEXT,
            note TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX supply_requests_path ON supply_requests (path, status)",
    ] }
}
