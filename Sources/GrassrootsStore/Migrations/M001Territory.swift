/// The territory tree, the organizations on it, and grid staffing.
enum M001Territory {
    static let unitKinds = "'province','prefecture','city','street','community','grid','compound','building'"
    static let organizationKinds = """
        'city_committee','street_working_committee','community_committee','grid_branch','compound_group',\
        'building_group','owners_committee','property_company','residents_group','youth_league',\
        'womens_federation','social_organization','business_district','office_building','internet_firm'
        """
    static let staffRoles = "'grid_leader','grid_worker','red_area_leader','resident_group_leader','building_leader','volunteer'"

    static let migration = Migration(name: "001_territory") { ddl in [
        """
        CREATE TABLE units (
            id \(ddl.id),
            parent_id \(ddl.ref) REFERENCES units(id),
            kind TEXT NOT NULL CHECK (kind IN (\(unitKinds))),
            code TEXT UNIQUE,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            path \(ddl.path) NOT NULL UNIQUE,
            depth INTEGER NOT NULL,
            address TEXT,
            latitude DOUBLE PRECISION,
            longitude DOUBLE PRECISION,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX units_parent ON units (parent_id)",
        "CREATE INDEX units_kind_path ON units (kind, path)",
        """
        CREATE TABLE organizations (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN (\(organizationKinds))),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            leader_name TEXT,
            member_count INTEGER NOT NULL DEFAULT 0 CHECK (member_count >= 0),
            has_party_org INTEGER NOT NULL DEFAULT 0 CHECK (has_party_org IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX organizations_unit ON organizations (unit_id, kind)",
        "CREATE INDEX organizations_path ON organizations (path)",
        """
        CREATE TABLE staff (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            role TEXT NOT NULL CHECK (role IN (\(staffRoles))),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
            phone_enc TEXT,
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX staff_unit ON staff (unit_id, role)",
        "CREATE INDEX staff_path ON staff (path)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ] }
}
