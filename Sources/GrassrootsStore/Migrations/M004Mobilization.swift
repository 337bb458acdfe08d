/// Directives, their per-target assignments, field submissions (with idempotency keys), the per-unit roll-up
/// counters, the escalation inbox and the outbound webhook queue.
enum M004Mobilization {
    static let outcomes = "'pending','done','absent','refused','not_applicable'"

    static let migration = Migration(name: "004_mobilization") { ddl in [
        """
        CREATE TABLE directives (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            kind TEXT NOT NULL CHECK (kind IN ('screening','visit','notice','survey','inspection','supply','custom')),
            target TEXT NOT NULL CHECK (target IN ('households','households_with_category','residents_with_category','compounds','buildings')),
            category_code TEXT REFERENCES resident_categories(code),
            responsible TEXT NOT NULL CHECK (responsible IN ('grid_worker','building_leader','compound_staff')),
            priority TEXT NOT NULL CHECK (priority IN ('normal','urgent','critical')),
            deadline TEXT NOT NULL,
            instructions TEXT NOT NULL DEFAULT '',
            form_json TEXT NOT NULL,
            stall_hours INTEGER NOT NULL CHECK (stall_hours BETWEEN 1 AND 720),
            status TEXT NOT NULL CHECK (status IN ('draft','issued','cancelled')),
            target_count INTEGER NOT NULL DEFAULT 0,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            issued_at TEXT,
            cancelled_at TEXT
        )
        """,
        "CREATE INDEX directives_path ON directives (path)",
        """
        CREATE TABLE assignments (
            id \(ddl.id),
            directive_id \(ddl.ref) NOT NULL REFERENCES directives(id),
            household_id \(ddl.ref) REFERENCES households(id),
            resident_id \(ddl.ref) REFERENCES residents(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            grid_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            label TEXT NOT NULL,
            responsible_staff_id \(ddl.ref) REFERENCES staff(id),
            outcome TEXT NOT NULL CHECK (outcome IN (\(outcomes))),
            data_json TEXT,
            note TEXT,
            submitted_at TEXT,
            submitted_by TEXT,
            revision INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX assignments_directive_path ON assignments (directive_id, path, label)",
        """
        CREATE TABLE submissions (
            idempotency_key TEXT PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 8 AND 100),
            assignment_id \(ddl.ref) NOT NULL REFERENCES assignments(id),
            directive_id \(ddl.ref) NOT NULL REFERENCES directives(id),
            account_id \(ddl.ref),
            username TEXT NOT NULL,
            previous_outcome TEXT NOT NULL CHECK (previous_outcome IN (\(outcomes))),
            outcome TEXT NOT NULL CHECK (outcome IN (\(outcomes))),
            data_json TEXT,
            received_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX submissions_directive ON submissions (directive_id, received_at)",
        """
        CREATE TABLE directive_progress (
            directive_id \(ddl.ref) NOT NULL REFERENCES directives(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            parent_id \(ddl.ref),
            path \(ddl.path) NOT NULL,
            depth INTEGER NOT NULL,
            kind TEXT NOT NULL,
            total INTEGER NOT NULL CHECK (total >= 0),
            pending INTEGER NOT NULL CHECK (pending >= 0),
            done INTEGER NOT NULL CHECK (done >= 0),
            absent INTEGER NOT NULL CHECK (absent >= 0),
            refused INTEGER NOT NULL CHECK (refused >= 0),
            not_applicable INTEGER NOT NULL CHECK (not_applicable >= 0),
            last_report_at TEXT,
            PRIMARY KEY (directive_id, unit_id)
        )
        """,
        // The dashboard reads a few tiers below a unit: by depth first, so deep tiers are never scanned.
        "CREATE INDEX directive_progress_depth ON directive_progress (directive_id, depth, path)",
        "CREATE INDEX directive_progress_kind ON directive_progress (directive_id, kind)",
        """
        CREATE TABLE notifications (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            directive_id \(ddl.ref) NOT NULL REFERENCES directives(id),
            subject_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            reason TEXT NOT NULL CHECK (reason IN ('overdue','stalled')),
            message_zh TEXT NOT NULL,
            message_en TEXT NOT NULL,
            created_at TEXT NOT NULL,
            read_at TEXT,
            UNIQUE (directive_id, subject_unit_id, reason)
        )
        """,
        "CREATE INDEX notifications_path ON notifications (path, created_at)",
        """
        CREATE TABLE webhook_deliveries (
            id \(ddl.id),
            notification_id \(ddl.ref) NOT NULL REFERENCES notifications(id),
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending','sent','failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_attempt_at TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
    ] }
}
