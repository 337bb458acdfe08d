import Foundation
import GrassrootsCore
import SQLKit

/// One search hit: a resident (with household) or a household.
public struct SearchHit: Sendable, Codable, Equatable {
    public let kind: String
    public let id: Int
    public let householdID: Int
    public let title: String
    public let detail: String?
}

/// Finds residents by name or exact identity number, and households by address or room, within the scope.
public struct SearchStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Up to `limit` hits. An 18-character query that is a valid identity number is looked up by its keyed hash only.
    public func search(_ query: String, scope: Scope, limit: Int = 50) async throws -> [SearchHit] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let q = query.trimmed
        guard q.count >= 1, q.count <= 50 else {
            throw ValidationError("q", Bilingual("请输入1–50个字的姓名、地址或完整身份证号", "Enter 1–50 characters: a name, an address or a full identity number"))
        }
        if let number = try? IdentityNumber(q) {
            let hash = context.cipher.lookupHash(number.value)
            return try await context.database.read { db in
                try await db.select().columns("id", "household_id", "name").from("residents").where("id_number_hash", .equal, SQLBind(hash))
                    .within(scope).all().map(Self.resident)
            }
        }
        let pattern = Self.likePattern(q)
        return try await context.database.read { db in
            let people = try await db.select().columns("id", "household_id", "name").from("residents")
                .where(SQLColumn("name"), .like, SQLBind(pattern + "%")).within(scope).orderBy("name").limit(limit).all().map(Self.resident)
            let homes = try await db.select().columns("id", "room", "address").from("households")
                .where(SQLColumn("address"), .like, SQLBind("%" + pattern + "%")).within(scope).orderBy("id").limit(limit).all().map {
                    SearchHit(kind: "household", id: try $0.decode(column: "id", as: Int.self), householdID: try $0.decode(column: "id", as: Int.self),
                              title: try $0.decode(column: "address", as: String?.self) ?? "", detail: try $0.decode(column: "room", as: String.self))
                }
            return people + homes
        }
    }

    static func resident(_ row: any SQLRow) throws -> SearchHit {
        SearchHit(kind: "resident", id: try row.decode(column: "id", as: Int.self), householdID: try row.decode(column: "household_id", as: Int.self),
                  title: try row.decode(column: "name", as: String.self), detail: nil)
    }

    /// Drops LIKE wildcards typed by the user, so `%` or `_` match literally nothing special.
    static func likePattern(_ q: String) -> String { q.filter { $0 != "%" && $0 != "_" && $0 != "\\" } }
}
