import GrassrootsCore

/// The route table as people read it: `grassroots routes` prints it, and docs/SECURITY.md carries the Markdown form
/// between two markers, which a test compares with the table the router was built with.
extension RoutePolicy {
    /// Who may call a route and what it touches for them, e.g. `street_admin, community_staff: unit in scope`.
    public static func describe(_ access: Access) -> String {
        // Grants with the same rule read as one line: "city_admin, auditor: unit in scope", not two.
        var merged: [(rule: ScopeRule, roles: Set<Role>?)] = []
        for grant in access.grants {
            if let i = merged.firstIndex(where: { $0.rule == grant.rule }) {
                merged[i].roles = merged[i].roles.flatMap { old in grant.roles.map { old.union($0) } }
            } else {
                merged.append((grant.rule, grant.roles))
            }
        }
        return merged.map { rule, roles in
            let who: String = switch roles {
            case nil: "anyone"
            case let roles? where roles.count == Role.allCases.count: "every signed-in role"
            case let roles?: Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ", ")
            }
            return "\(who): \(rule.rawValue)"
        }.joined(separator: "; ")
    }

    /// One line per route: method, path, access, in columns.
    public var text: String {
        let rows = table, width = rows.map(\.path.count).max() ?? 0
        return rows.map { row in
            row.method.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + row.path.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + Self.describe(row.access)
        }.joined(separator: "\n") + "\n"
    }

    /// The table in Markdown, as docs/SECURITY.md carries it.
    public var markdown: String {
        "| Method | Path | Who may call it: what it touches |\n|---|---|---|\n"
            + table.map { "| \($0.method.rawValue) | `\($0.path)` | \(Self.describe($0.access)) |\n" }.joined()
    }
}
