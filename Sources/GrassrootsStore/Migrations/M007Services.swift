/// Resident requests (诉求): the two-level category tree mapped to Open311 services, time limits per class, the
/// requests with their routing, clocks, feedback and exclusion flags, their timeline, Open311 API keys, the rate
/// weights, and the link from a resident's account to a household.
enum M007Services {
    static let classes = "'urgent','utilities','general','complex'"

    /// The default tree: (top-level name, English, [(name, English, time class, Open311 code)]).
    static let tree: [(String, String, [(String, String, String, String)])] = [
        ("市政设施", "Public works", [("道路破损", "Damaged road", "general", "road"), ("路灯故障", "Street light out", "utilities", "streetlight"),
                                 ("井盖缺失", "Missing manhole cover", "urgent", "manhole")]),
        ("水电气暖", "Utilities", [("停水", "No water", "utilities", "water"), ("停电", "Power cut", "utilities", "power"), ("燃气泄漏", "Gas leak", "urgent", "gas")]),
        ("环境卫生", "Environment", [("垃圾清运", "Rubbish collection", "general", "garbage"), ("噪音扰民", "Noise", "general", "noise"),
                                 ("违章搭建", "Illegal construction", "complex", "illegal_building")]),
        ("物业管理", "Property management", [("物业服务", "Property services", "general", "property"), ("电梯故障", "Lift failure", "urgent", "elevator")]),
        ("邻里纠纷", "Neighbour disputes", [("邻里矛盾", "Neighbour dispute", "complex", "neighbour")]),
        ("政策咨询", "Policy questions", [("社保医保", "Social and medical insurance", "general", "social_security"),
                                      ("其他咨询", "Other questions", "general", "other_question")]),
        ("困难帮扶", "Hardship", [("生活困难", "Hardship", "general", "hardship")]),
    ]

    static let migration = Migration(name: "007_services") { ddl in
        var statements = [
            """
            CREATE TABLE request_categories (
                id \(ddl.id),
                parent_id \(ddl.ref) REFERENCES request_categories(id),
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
                name_en TEXT NOT NULL DEFAULT '',
                time_class TEXT CHECK (time_class IN (\(classes))),
                service_code TEXT UNIQUE CHECK (length(service_code) BETWEEN 1 AND 40),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                UNIQUE (parent_id, name),
                CHECK ((parent_id IS NULL AND time_class IS NULL AND service_code IS NULL)
                    OR (parent_id IS NOT NULL AND time_class IS NOT NULL AND service_code IS NOT NULL))
            )
            """,
            """
            CREATE TABLE request_limits (
                time_class TEXT PRIMARY KEY CHECK (time_class IN (\(classes))),
                respond_minutes INTEGER NOT NULL CHECK (respond_minutes > 0),
                resolve_minutes INTEGER NOT NULL CHECK (resolve_minutes >= respond_minutes)
            )
            """,
            "INSERT INTO request_limits VALUES ('urgent', 30, 120), ('utilities', 120, 1440), ('general', 1440, 10080), ('complex', 1440, 21600)",
            """
            CREATE TABLE rate_weights (
                component TEXT PRIMARY KEY CHECK (component IN ('response','resolution','satisfaction')),
                weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0 AND weight <= 1)
            )
            """,
            "INSERT INTO rate_weights VALUES ('response', 0.1), ('resolution', 0.5), ('satisfaction', 0.4)",
            "INSERT INTO settings (key, value) VALUES ('rate_basically_factor', '0.9')",
            "ALTER TABLE accounts ADD COLUMN household_id \(ddl.ref) REFERENCES households(id)",
            """
            CREATE TABLE requests (
                id \(ddl.id),
                kind TEXT NOT NULL CHECK (kind IN ('consultation','help','complaint','report','suggestion')),
                category_id \(ddl.ref) NOT NULL REFERENCES request_categories(id),
                time_class TEXT NOT NULL CHECK (time_class IN (\(classes))),
                unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
                path \(ddl.path) NOT NULL,
                household_id \(ddl.ref) REFERENCES households(id),
                handler_unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
                handler_path \(ddl.path) NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('city','street','community','grid','department')),
                handler_staff_id \(ddl.ref) REFERENCES staff(id),
                summons_id \(ddl.ref) REFERENCES summons(id),
                address TEXT NOT NULL DEFAULT '',
                latitude DOUBLE PRECISION,
                longitude DOUBLE PRECISION,
                description TEXT NOT NULL,
                contact_name TEXT NOT NULL DEFAULT '',
                contact_phone_enc TEXT,
                source TEXT NOT NULL CHECK (source IN ('resident','staff','open311')),
                account_id \(ddl.ref) REFERENCES accounts(id),
                token TEXT UNIQUE,
                status TEXT NOT NULL CHECK (status IN ('submitted','accepted','replied','closed')),
                status_note TEXT NOT NULL DEFAULT '',
                respond_by TEXT NOT NULL,
                resolve_by TEXT NOT NULL,
                responded_at TEXT,
                replied_at TEXT,
                closed_at TEXT,
                withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
                solved INTEGER CHECK (solved IN (0, 1)),
                satisfaction TEXT CHECK (satisfaction IN ('satisfied','basically_satisfied','dissatisfied')),
                feedback_comment TEXT,
                flag_reason TEXT CHECK (flag_reason IN ('unreasonable','outside_powers')),
                flag_note TEXT,
                flag_status TEXT CHECK (flag_status IN ('pending','approved','rejected')),
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK ((flag_reason IS NULL) = (flag_status IS NULL)),
                CHECK ((satisfaction IS NULL) = (solved IS NULL))
            )
            """,
            "CREATE INDEX requests_path ON requests (path, created_at)",
            "CREATE INDEX requests_handler ON requests (handler_path, status)",
            "CREATE INDEX requests_account ON requests (account_id)",
            """
            CREATE TABLE request_events (
                id \(ddl.id),
                request_id \(ddl.ref) NOT NULL REFERENCES requests(id),
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                unit_name TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX request_events_request ON request_events (request_id, id)",
            """
            CREATE TABLE open311_keys (
                id \(ddl.id),
                name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
                key_hash TEXT NOT NULL UNIQUE,
                unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
                created_at TEXT NOT NULL
            )
            """,
        ]
        for (index, (name, en, children)) in tree.enumerated() {
            let parent = index + 1
            statements.append("INSERT INTO request_categories (id, name, name_en) VALUES (\(parent), '\(name)', '\(en)')")
            for (offset, child) in children.enumerated() {
                statements.append("""
                    INSERT INTO request_categories (id, parent_id, name, name_en, time_class, service_code)
                    VALUES (\(100 + parent * 10 + offset), \(parent), '\(child.0)', '\(child.1)', '\(child.2)', '\(child.3)')
                    """)
            }
        }
        // Explicit ids above: move PostgreSQL's identity past them (SQLite's INTEGER PRIMARY KEY follows the maximum).
        if ddl.engine == .postgres {
            statements.append("SELECT setval(pg_get_serial_sequence('request_categories', 'id'), (SELECT MAX(id) FROM request_categories))")
        }
        return statements
    }
}
