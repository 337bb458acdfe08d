import GrassrootsCore

/// Households and residents. Identity and phone numbers are stored encrypted, with a keyed hash for exact lookup.
enum M002Registry {
    static let migration = Migration(name: "002_registry") { ddl in [
        """
        CREATE TABLE households (
            id \(ddl.id),
            building_id \(ddl.ref) NOT NULL REFERENCES units(id),
            compound_id \(ddl.ref) NOT NULL REFERENCES units(id),
            grid_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            room TEXT NOT NULL CHECK (length(room) BETWEEN 1 AND 20),
            address TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (building_id, room)
        )
        """,
        "CREATE INDEX households_path ON households (path)",
        "CREATE INDEX households_grid ON households (grid_id)",
        """
        CREATE TABLE resident_categories (
            code TEXT PRIMARY KEY,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE residents (
            id \(ddl.id),
            household_id \(ddl.ref) NOT NULL REFERENCES households(id),
            path \(ddl.path) NOT NULL,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
            sex TEXT CHECK (sex IN ('M', 'F')),
            birth_date TEXT,
            id_number_enc TEXT,
            id_number_hash TEXT UNIQUE,
            phone_enc TEXT,
            political_status TEXT NOT NULL CHECK (political_status IN ('party_member','probationary_member','league_member','masses')),
            residence_status TEXT NOT NULL CHECK (residence_status IN ('registered_living','registered_away','living_unregistered')),
            branch_id \(ddl.ref) REFERENCES organizations(id),
            is_head INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX residents_household ON residents (household_id)",
        "CREATE INDEX residents_path ON residents (path)",
        "CREATE INDEX residents_name ON residents (name)",
        """
        CREATE TABLE resident_category_links (
            resident_id \(ddl.ref) NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
            category_code TEXT NOT NULL REFERENCES resident_categories(code),
            PRIMARY KEY (resident_id, category_code)
        )
        """,
        "CREATE INDEX resident_category_links_code ON resident_category_links (category_code)",
    ] + DefaultCategories.all.enumerated().map { position, category in
        // Fixed seed rows of this file, not input.
        "INSERT INTO resident_categories (code, name_zh, name_en, position) VALUES ('\(category.code)', '\(category.name.zh)', '\(category.name.en)', \(position))"
    } }
}
