import GrassrootsCore
import SQLKit

/// A unit of the territory tree, with its materialized path of ids (`/1/12/130/`).
public struct TerritoryUnit: Sendable, Codable, Equatable {
    public let id: Int
    public let parentID: Int?
    public let kind: UnitKind
    public let code: String?
    public let name: String
    public let path: String
    public let depth: Int
    public let address: String?

    /// The ids along the path, root first, this unit last.
    public var pathIDs: [Int] { path.split(separator: "/").compactMap { Int($0) } }

    static let columns = ["id", "parent_id", "kind", "code", "name", "path", "depth", "address"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        parentID = try row.decode(column: "parent_id", as: Int?.self)
        kind = UnitKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .building
        code = try row.decode(column: "code", as: String?.self)
        name = try row.decode(column: "name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        depth = try row.decode(column: "depth", as: Int.self)
        address = try row.decode(column: "address", as: String?.self)
    }

    /// A scope rooted at this unit, for the given role and account.
    public func scope(role: Role, accountID: Int, username: String) -> Scope {
        Scope(path: path, role: role, accountID: accountID, username: username)
    }
}

/// A child unit with the figures a territory browser lists beside it.
public struct UnitSummary: Sendable, Codable, Equatable {
    public let unit: TerritoryUnit
    public let households: Int
    public let residents: Int
}
