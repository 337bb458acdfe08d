/// The council hall (红色议事厅): topics with discussion, meetings with minutes, votes with their ballots (one per
/// voter, enforced by the key), published resolutions and their progress; and the community development fund's
/// ledger with one balance row per community that can never go negative.
enum M008Deliberation {
    static let migration = Migration(name: "008_deliberation") { ddl in [
        """
        CREATE TABLE topics (
            id \(ddl.id),
            unit_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            description TEXT NOT NULL,
            raised_by TEXT NOT NULL,
            raised_role TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('discussion','voting','rejected','publicized','in_progress','done')),
            resolution TEXT,
            published_at TEXT,
            publicity_until TEXT,
            progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX topics_path ON topics (path)",
        """
        CREATE TABLE topic_posts (
            id \(ddl.id),
            topic_id \(ddl.ref) NOT NULL REFERENCES topics(id),
            kind TEXT NOT NULL CHECK (kind IN ('comment','meeting','progress','resolution','vote')),
            author TEXT NOT NULL,
            body TEXT NOT NULL,
            held_at TEXT,
            place TEXT,
            attendees INTEGER CHECK (attendees >= 0),
            progress INTEGER CHECK (progress BETWEEN 0 AND 100),
            at TEXT NOT NULL
        )
        """,
        "CREATE INDEX topic_posts_topic ON topic_posts (topic_id, id)",
        """
        CREATE TABLE votes (
            id \(ddl.id),
            topic_id \(ddl.ref) NOT NULL UNIQUE REFERENCES topics(id),
            question TEXT NOT NULL,
            rule TEXT NOT NULL CHECK (rule IN ('residents','households')),
            quorum_percent INTEGER NOT NULL CHECK (quorum_percent BETWEEN 1 AND 100),
            majority_percent INTEGER NOT NULL CHECK (majority_percent BETWEEN 50 AND 99),
            eligible INTEGER NOT NULL CHECK (eligible >= 0),
            opens_at TEXT NOT NULL,
            closes_at TEXT NOT NULL,
            closed_at TEXT,
            result TEXT CHECK (result IN ('passed','failed','no_quorum')),
            yes INTEGER NOT NULL DEFAULT 0,
            no INTEGER NOT NULL DEFAULT 0,
            abstain INTEGER NOT NULL DEFAULT 0,
            created_by TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE ballots (
            vote_id \(ddl.ref) NOT NULL REFERENCES votes(id),
            voter_key TEXT NOT NULL,
            household_id \(ddl.ref) NOT NULL REFERENCES households(id),
            resident_id \(ddl.ref) REFERENCES residents(id),
            choice TEXT NOT NULL CHECK (choice IN ('yes','no','abstain')),
            cast_by TEXT NOT NULL,
            cast_at TEXT NOT NULL,
            PRIMARY KEY (vote_id, voter_key)
        )
        """,
        """
        CREATE TABLE fund_balances (
            community_id \(ddl.ref) PRIMARY KEY REFERENCES units(id),
            balance_fen BIGINT NOT NULL CHECK (balance_fen >= 0),
            income_fen BIGINT NOT NULL DEFAULT 0,
            spending_fen BIGINT NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE fund_entries (
            id \(ddl.id),
            community_id \(ddl.ref) NOT NULL REFERENCES units(id),
            path \(ddl.path) NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('donation','grant','disbursement','reversal')),
            amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
            direction INTEGER NOT NULL CHECK (direction IN (-1, 1)),
            party TEXT NOT NULL CHECK (length(party) BETWEEN 1 AND 100),
            topic_id \(ddl.ref) REFERENCES topics(id),
            project TEXT,
            reverses_id \(ddl.ref) UNIQUE REFERENCES fund_entries(id),
            memo TEXT NOT NULL DEFAULT '',
            balance_after_fen BIGINT NOT NULL CHECK (balance_after_fen >= 0),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK (kind <> 'disbursement' OR topic_id IS NOT NULL OR project IS NOT NULL),
            CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
        )
        """,
        "CREATE INDEX fund_entries_community ON fund_entries (community_id, id)",
    ] }
}
