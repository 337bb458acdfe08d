/// Participation: units registered with a community (单位报到) and the joint committees, employed party members'
/// registrations (在职党员报到), needs that become projects, adoptions of unmanaged compounds, community events with
/// sign-ups, confirmed service hours, and the year-end two-way scores between communities and units.
enum M010Participation {
    static let migration = Migration(name: "010_participation") { ddl in [
        """
        CREATE TABLE member_units (
            id \(ddl.id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            kind TEXT NOT NULL CHECK (kind IN ('agency','institution','enterprise','social_organization')),
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            liaison_name TEXT NOT NULL,
            liaison_phone_enc TEXT,
            venues TEXT NOT NULL DEFAULT '',
            skills TEXT NOT NULL DEFAULT '',
            funds TEXT NOT NULL DEFAULT '',
            volunteers INTEGER NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
            joint_committee TEXT NOT NULL CHECK (joint_committee IN ('none','community','street')),
            commitment TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (community_id, name)
        )
        """,
        "CREATE INDEX member_units_path ON member_units (path)",
        """
        CREATE TABLE member_registrations (
            id \(ddl.id),
            account_id \(ddl.ref) NOT NULL UNIQUE REFERENCES accounts(id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
            employer TEXT NOT NULL CHECK (length(employer) BETWEEN 1 AND 100),
            employer_party_org TEXT NOT NULL,
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            grid_id \(ddl.ref) REFERENCES units(id),
            compound_id \(ddl.ref) REFERENCES units(id),
            posts TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
            decided_by TEXT,
            decided_at TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX member_registrations_path ON member_registrations (path, status)",
        """
        CREATE TABLE needs (
            id \(ddl.id),
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            description TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open','project','accepted')),
            member_unit_id \(ddl.ref) REFERENCES member_units(id),
            member_id \(ddl.ref) REFERENCES member_registrations(id),
            commitment TEXT,
            progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
            accepted_by TEXT,
            accepted_at TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            claimed_at TEXT,
            CHECK ((status = 'open') = (member_unit_id IS NULL AND member_id IS NULL))
        )
        """,
        "CREATE INDEX needs_path ON needs (path, status)",
        """
        CREATE TABLE adoptions (
            id \(ddl.id),
            compound_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            member_unit_id \(ddl.ref) NOT NULL REFERENCES member_units(id),
            responsibilities TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK (ends_on > starts_on)
        )
        """,
        "CREATE INDEX adoptions_compound ON adoptions (compound_id, ends_on)",
        """
        CREATE TABLE events (
            id \(ddl.id),
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('neighbour_festival','party_open_day','volunteer','other')),
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            description TEXT NOT NULL,
            place TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            capacity INTEGER NOT NULL CHECK (capacity > 0),
            signed_up INTEGER NOT NULL DEFAULT 0,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (ends_at > starts_at),
            CHECK (signed_up >= 0 AND signed_up <= capacity)
        )
        """,
        "CREATE INDEX events_path ON events (path, starts_at)",
        """
        CREATE TABLE event_signups (
            event_id \(ddl.ref) NOT NULL REFERENCES events(id),
            account_id \(ddl.ref) NOT NULL REFERENCES accounts(id),
            name TEXT NOT NULL,
            attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
            signed_at TEXT NOT NULL,
            PRIMARY KEY (event_id, account_id)
        )
        """,
        """
        CREATE TABLE service_hours (
            id \(ddl.id),
            member_id \(ddl.ref) REFERENCES member_registrations(id),
            member_unit_id \(ddl.ref) REFERENCES member_units(id),
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            event_id \(ddl.ref) REFERENCES events(id),
            need_id \(ddl.ref) REFERENCES needs(id),
            served_on TEXT NOT NULL,
            hours DOUBLE PRECISION NOT NULL CHECK (hours > 0 AND hours <= 24),
            description TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT,
            CHECK ((member_id IS NULL) <> (member_unit_id IS NULL)),
            CHECK (event_id IS NOT NULL OR need_id IS NOT NULL)
        )
        """,
        "CREATE INDEX service_hours_path ON service_hours (path, status)",
        """
        CREATE TABLE unit_scores (
            year INTEGER NOT NULL,
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            member_unit_id \(ddl.ref) NOT NULL REFERENCES member_units(id),
            rater TEXT NOT NULL CHECK (rater IN ('community','unit')),
            stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            rated_by TEXT NOT NULL,
            rated_at TEXT NOT NULL,
            PRIMARY KEY (year, community_id, member_unit_id, rater)
        )
        """,
        "ALTER TABLE accounts ADD COLUMN member_unit_id \(ddl.ref) REFERENCES member_units(id)",
    ] }
}
