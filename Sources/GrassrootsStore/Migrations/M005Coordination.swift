/// Departments (条) and their dispatched stations, officers' accounts, summons (吹哨) with per-department clocks and
/// a timeline, the working calendar, two-way evaluation, the street's proposals, and the community access list.
enum M005Coordination {
    static let targetStatuses = "'summoned','accepted','arrived','closure_requested','closed','returned'"

    static let migration = Migration(name: "005_coordination") { ddl in [
        """
        CREATE TABLE departments (
            id \(ddl.id),
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
            name_en TEXT NOT NULL DEFAULT '',
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE stations (
            id \(ddl.id),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
            kind TEXT NOT NULL CHECK (kind IN ('police_station','health_centre','family_doctor_team','enforcement_squad','other')),
            street_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            street_path \(ddl.path) NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX stations_street ON stations (street_path)",
        "ALTER TABLE accounts ADD COLUMN department_id \(ddl.ref) REFERENCES departments(id)",
        """
        CREATE TABLE summons_time_limits (
            urgency TEXT PRIMARY KEY CHECK (urgency IN ('emergency','general','complex')),
            respond_minutes INTEGER NOT NULL CHECK (respond_minutes > 0),
            arrive_minutes INTEGER CHECK (arrive_minutes > 0),
            resolve_working_days INTEGER NOT NULL CHECK (resolve_working_days > 0),
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "INSERT INTO summons_time_limits VALUES ('emergency', 15, 30, 1, 'system', '2026-01-01T00:00:00Z')",
        "INSERT INTO summons_time_limits VALUES ('general', 1440, NULL, 7, 'system', '2026-01-01T00:00:00Z')",
        "INSERT INTO summons_time_limits VALUES ('complex', 1440, NULL, 15, 'system', '2026-01-01T00:00:00Z')",
        "CREATE TABLE calendar_days (day TEXT PRIMARY KEY, working INTEGER NOT NULL CHECK (working IN (0, 1)), note TEXT NOT NULL DEFAULT '')",
        """
        CREATE TABLE summons (
            id \(ddl.id),
            street_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            raised_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            matter TEXT NOT NULL CHECK (matter IN ('resident_problem','joint_enforcement','emergency')),
            urgency TEXT NOT NULL CHECK (urgency IN ('emergency','general','complex')),
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            description TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending_street','open','closed','declined')),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            closed_at TEXT
        )
        """,
        "CREATE INDEX summons_path ON summons (path)",
        """
        CREATE TABLE summons_targets (
            id \(ddl.id),
            summons_id \(ddl.ref) NOT NULL REFERENCES summons(id),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            station_id \(ddl.ref) REFERENCES stations(id),
            status TEXT NOT NULL CHECK (status IN (\(targetStatuses))),
            respond_due TEXT,
            arrive_due TEXT,
            resolve_due TEXT,
            accepted_at TEXT,
            arrived_at TEXT,
            closure_requested_at TEXT,
            closed_at TEXT,
            returned_at TEXT,
            pending_request TEXT CHECK (pending_request IN ('extension','return')),
            pending_until TEXT,
            pending_reason TEXT,
            pending_at TEXT
        )
        """,
        "CREATE INDEX summons_targets_summons ON summons_targets (summons_id)",
        "CREATE INDEX summons_targets_department ON summons_targets (department_id, status)",
        """
        CREATE TABLE summons_events (
            id \(ddl.id),
            summons_id \(ddl.ref) NOT NULL REFERENCES summons(id),
            target_id \(ddl.ref) REFERENCES summons_targets(id),
            at TEXT NOT NULL,
            account_id \(ddl.ref),
            username TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('street','department')),
            action TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX summons_events_summons ON summons_events (summons_id, id)",
        """
        CREATE TABLE summons_extensions (
            id \(ddl.id),
            target_id \(ddl.ref) NOT NULL REFERENCES summons_targets(id),
            previous_due TEXT NOT NULL,
            new_due TEXT NOT NULL,
            approved_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX summons_extensions_target ON summons_extensions (target_id, approved_at)",
        """
        CREATE TABLE coordination_ratings (
            id \(ddl.id),
            period TEXT NOT NULL,
            rater_side TEXT NOT NULL CHECK (rater_side IN ('street','department')),
            street_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            rated_by TEXT NOT NULL,
            rated_at TEXT NOT NULL,
            UNIQUE (period, rater_side, street_unit_id, department_id)
        )
        """,
        """
        CREATE TABLE evaluation_weights (
            side TEXT NOT NULL CHECK (side IN ('street','department')),
            component TEXT NOT NULL,
            weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0 AND weight <= 1),
            PRIMARY KEY (side, component)
        )
        """,
        "INSERT INTO evaluation_weights VALUES ('street', 'response', 0.4), ('street', 'resolution', 0.4), ('street', 'attitude', 0.2)",
        "INSERT INTO evaluation_weights VALUES ('department', 'verification', 0.4), ('department', 'accuracy', 0.3), ('department', 'cooperation', 0.3)",
        """
        CREATE TABLE evaluation_scores (
            id \(ddl.id),
            period TEXT NOT NULL,
            rater_side TEXT NOT NULL CHECK (rater_side IN ('street','department')),
            street_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            parts_json TEXT NOT NULL,
            weights_json TEXT NOT NULL,
            score DOUBLE PRECISION,
            computed_at TEXT NOT NULL,
            computed_by TEXT NOT NULL,
            UNIQUE (period, rater_side, street_unit_id, department_id)
        )
        """,
        """
        CREATE TABLE street_proposals (
            id \(ddl.id),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            street_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            street_path \(ddl.path) NOT NULL,
            matter TEXT NOT NULL CHECK (length(matter) BETWEEN 1 AND 200),
            proposal TEXT NOT NULL CHECK (length(proposal) BETWEEN 1 AND 4000),
            reply TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            replied_by TEXT,
            replied_at TEXT
        )
        """,
        """
        CREATE TABLE access_items (
            id \(ddl.id),
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
            kind TEXT NOT NULL CHECK (kind IN ('statutory','assisted')),
            legal_basis TEXT NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            funded INTEGER NOT NULL CHECK (funded IN (0, 1)),
            authorized INTEGER NOT NULL CHECK (authorized IN (0, 1)),
            status TEXT NOT NULL CHECK (status IN ('applied','approved','listed','rejected','withdrawn')),
            applied_by TEXT NOT NULL,
            applied_at TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT,
            note TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE TABLE certificates (
            id \(ddl.id),
            title TEXT NOT NULL UNIQUE CHECK (length(title) BETWEEN 1 AND 100),
            allowed INTEGER NOT NULL CHECK (allowed IN (0, 1)),
            basis TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE TABLE department_tasks (
            id \(ddl.id),
            department_id \(ddl.ref) NOT NULL REFERENCES departments(id),
            access_item_id \(ddl.ref) REFERENCES access_items(id),
            community_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            forms INTEGER NOT NULL CHECK (forms BETWEEN 0 AND 1000),
            inspections INTEGER NOT NULL CHECK (inspections BETWEEN 0 AND 1000),
            status TEXT NOT NULL CHECK (status IN ('accepted','refused','pending_street','approved','rejected')),
            reason TEXT NOT NULL DEFAULT '',
            submitted_by TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT
        )
        """,
        "CREATE INDEX department_tasks_department ON department_tasks (department_id, submitted_at)",
        "CREATE INDEX department_tasks_path ON department_tasks (path)",
    ] }
}
