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

/// Finds residents by name and households by compound, building, room or address within the scope; an exact identity number is an audited lookup.
public struct SearchStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Up to `limit` residents by name and households by the words that name them. Identity numbers are refused here: this search
    /// travels in a GET URL (logged by proxies, kept in browser history), and confirming a number is a reveal.
    public func search(_ query: String, scope: Scope, limit: Int = 50) async throws -> [SearchHit] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let q = query.trimmed
        guard q.count >= 1, q.count <= 50 else {
            throw ValidationError("q", Bilingual("请输入1–50个字的姓名或地址", "Enter 1–50 characters: a name or an address"))
        }
        guard !Self.holdsIdentityNumber(q) else {
            throw ValidationError("q", Bilingual("身份证号请用下方“按身份证号查找”，不要放在查询地址里",
                                                 "Look up identity numbers with “Find by ID number” below, never in the search address"))
        }
        let pattern = Self.likePattern(q)
        return try await context.database.read { db in
            let people = try await db.select().columns("id", "household_id", "name").from("residents")
                .where(SQLColumn("name"), .like, SQLBind(pattern + "%")).within(scope).orderBy("name").limit(limit).all().map(Self.resident)
            // Every word typed must name the household: its compound, building, room or address ("阳光公寓 1-102").
            let words = q.split(whereSeparator: \.isWhitespace).map { Self.likePattern(String($0)) }.filter { !$0.isEmpty }
            let named = words.map { w -> SQLQueryString in
                let like = "%\(w)%"
                return "(c.name LIKE \(bind: like) OR b.name LIKE \(bind: like) OR h.room LIKE \(bind: like) OR h.address LIKE \(bind: like))"
            }.joined(separator: " AND ")
            let homes = words.isEmpty ? [] : try await db.raw("""
                SELECT h.id, h.room, h.address, c.name AS compound, b.name AS building FROM households h
                JOIN units b ON b.id = h.building_id JOIN units c ON c.id = h.compound_id
                WHERE h.path >= \(bind: scope.path) AND h.path < \(bind: scope.upperBound) AND \(named) ORDER BY h.id LIMIT \(bind: limit)
                """).all().map {
                    SearchHit(kind: "household", id: try $0.decode(column: "id", as: Int.self), householdID: try $0.decode(column: "id", as: Int.self),
                              title: [try $0.decode(column: "compound", as: String.self), try $0.decode(column: "building", as: String.self),
                                      try $0.decode(column: "room", as: String.self)].joined(separator: " "),
                              detail: try $0.decode(column: "address", as: String?.self))
                }
            return people + homes
        }
    }

    /// The residents holding an exact identity number, looked up by its keyed hash. Confirming that a number
    /// belongs to someone is a reveal: only roles that may reveal may ask, and every lookup is audited.
    public func find(identityNumber text: String, scope: Scope) async throws -> [SearchHit] {
        guard scope.role.mayRevealIdentity else {
            throw AccessDenied(Bilingual("您的角色不能按身份证号查找", "Your role may not look people up by identity number"))
        }
        let number = try IdentityNumber(text.trimmed)
        let hash = context.cipher.lookupHash(number.value)
        return try await context.database.write { db in
            let rows = try await db.select().columns("id", "household_id", "name", "path").from("residents")
                .where("id_number_hash", .equal, SQLBind(hash)).within(scope).all()
            let hits = try rows.map(Self.resident)
            // The number itself is never written to the log; the entry names whom it found, or that it found no one.
            try await AuditLog.record(db, scope, "search_id_number", "resident", id: hits.first?.id,
                                      path: try rows.first?.decode(column: "path", as: String.self) ?? scope.path,
                                      detail: "\(hits.count) found", now: context.clock())
            return hits
        }
    }

    /// True when the text holds 15 or more identity-number characters in a row (digits, or a final X).
    static func holdsIdentityNumber(_ text: String) -> Bool {
        var run = 0
        for c in text {
            run = c.isASCII && (c.isNumber || c == "X" || c == "x") ? run + 1 : 0
            if run >= 15 { return true }
        }
        return false
    }

    static func resident(_ row: any SQLRow) throws -> SearchHit {
        SearchHit(kind: "resident", id: try row.decode(column: "id", as: Int.self), householdID: try row.decode(column: "household_id", as: Int.self),
                  title: try row.decode(column: "name", as: String.self), detail: nil)
    }

    /// Drops LIKE wildcards typed by the user, so `%` or `_` match literally nothing special.
    static func likePattern(_ q: String) -> String { q.filter { $0 != "%" && $0 != "_" && $0 != "\\" } }
}
