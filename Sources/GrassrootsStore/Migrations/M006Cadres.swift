/// Cadre profiles and their posts, courses and training sessions with attendance, reading groups, secondments with
/// their end-of-term reviews, and the weights of the cadre evaluation. No personal numbers are kept here.
enum M006Cadres {
    static let migration = Migration(name: "006_cadres") { ddl in [
        """
        CREATE TABLE cadres (
            id \(ddl.id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
            tier TEXT NOT NULL CHECK (tier IN ('street','community','agency')),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            department_id \(ddl.ref) REFERENCES departments(id),
            position TEXT NOT NULL CHECK (length(position) BETWEEN 1 AND 60),
            education TEXT NOT NULL CHECK (education IN ('postgraduate','bachelor','college','secondary')),
            grassroots_since TEXT,
            specialties TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX cadres_path ON cadres (path)",
        """
        CREATE TABLE cadre_posts (
            id \(ddl.id),
            cadre_id \(ddl.ref) NOT NULL REFERENCES cadres(id),
            role TEXT NOT NULL CHECK (role IN ('party_secretary','deputy_secretary','committee_director','committee_member','street_leader',
                                               'department_post','civil_service','other')),
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
            unit_id \(ddl.ref) REFERENCES units(id),
            path \(ddl.path),
            department_id \(ddl.ref) REFERENCES departments(id),
            move TEXT NOT NULL CHECK (move IN ('appointment','agency_to_grassroots','grassroots_to_agency','secretary_to_civil_service',
                                               'street_leader_to_department')),
            starts_on TEXT NOT NULL,
            ends_on TEXT,
            note TEXT NOT NULL DEFAULT '',
            CHECK (unit_id IS NOT NULL OR department_id IS NOT NULL),
            CHECK (ends_on IS NULL OR ends_on >= starts_on)
        )
        """,
        "CREATE INDEX cadre_posts_cadre ON cadre_posts (cadre_id)",
        "CREATE INDEX cadre_posts_unit ON cadre_posts (unit_id, role)",
        """
        CREATE TABLE courses (
            id \(ddl.id),
            title TEXT NOT NULL UNIQUE CHECK (length(title) BETWEEN 1 AND 80),
            category TEXT NOT NULL CHECK (category IN ('governance','emergency','law','party','other')),
            required INTEGER NOT NULL CHECK (required IN (0, 1)),
            required_hours DOUBLE PRECISION NOT NULL CHECK (required_hours > 0),
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE training_sessions (
            id \(ddl.id),
            course_id \(ddl.ref) NOT NULL REFERENCES courses(id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            held_on TEXT NOT NULL,
            hours DOUBLE PRECISION NOT NULL CHECK (hours > 0 AND hours <= 40),
            place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX training_sessions_path ON training_sessions (path, held_on)",
        """
        CREATE TABLE training_attendance (
            session_id \(ddl.ref) NOT NULL REFERENCES training_sessions(id),
            cadre_id \(ddl.ref) NOT NULL REFERENCES cadres(id),
            hours DOUBLE PRECISION NOT NULL CHECK (hours > 0),
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (session_id, cadre_id)
        )
        """,
        "CREATE INDEX training_attendance_cadre ON training_attendance (cadre_id)",
        """
        CREATE TABLE reading_groups (
            id \(ddl.id),
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
            sector TEXT NOT NULL CHECK (sector IN ('street','community','agency')),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE reading_group_members (
            group_id \(ddl.ref) NOT NULL REFERENCES reading_groups(id),
            cadre_id \(ddl.ref) NOT NULL REFERENCES cadres(id),
            PRIMARY KEY (group_id, cadre_id)
        )
        """,
        """
        CREATE TABLE secondments (
            id \(ddl.id),
            cadre_id \(ddl.ref) NOT NULL REFERENCES cadres(id),
            kind TEXT NOT NULL CHECK (kind IN ('first_secretary','community_commissioner','agency_to_street','community_to_property','property_to_community')),
            origin TEXT NOT NULL CHECK (length(origin) BETWEEN 1 AND 60),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            goals TEXT NOT NULL,
            outcome TEXT CHECK (outcome IN ('excellent','competent','basically_competent','incompetent')),
            review TEXT,
            reviewed_by TEXT,
            reviewed_on TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK (ends_on > starts_on),
            CHECK ((outcome IS NULL) = (reviewed_on IS NULL))
        )
        """,
        "CREATE INDEX secondments_path ON secondments (path)",
        "CREATE INDEX secondments_cadre ON secondments (cadre_id)",
        """
        CREATE TABLE cadre_weights (
            component TEXT PRIMARY KEY CHECK (component IN ('required_training','training_hours','secondment_review','area_coverage',
                                                            'directive_reach','request_rates')),
            weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0 AND weight <= 1)
        )
        """,
        """
        INSERT INTO cadre_weights VALUES ('required_training', 0.25), ('training_hours', 0.15), ('secondment_review', 0.1),
            ('area_coverage', 0.2), ('directive_reach', 0.2), ('request_rates', 0.1)
        """,
        "INSERT INTO settings (key, value) VALUES ('cadre_yearly_hours', '40')",
    ] }
}
