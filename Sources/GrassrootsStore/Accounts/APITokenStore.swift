import Foundation
import GrassrootsCore
import SQLKit

/// An API bearer token as its owner and administrators see it: never the token itself, which is shown once.
public struct APIToken: Sendable, Codable, Equatable {
    public let id: Int
    public let username: String
    public let name: String
    public let createdAt: String
    public let expiresAt: String
}

/// API bearer tokens: issued with an expiry, listed and revoked by their owner and by an administrator over the owner.
public struct APITokenStore: Sendable {
    let context: StoreContext
    /// How long a token lives unless `GRASSROOTS_TOKEN_DAYS` says otherwise.
    public static let defaultDays = 30

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The token lifetime the operator configured (1 to 365 days), or why the setting is wrong.
    public static func lifetime(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TimeInterval {
        guard let text = environment["GRASSROOTS_TOKEN_DAYS"] else { return TimeInterval(defaultDays * 86400) }
        guard let days = Int(text), (1...365).contains(days) else {
            throw ValidationError("GRASSROOTS_TOKEN_DAYS", Bilingual("GRASSROOTS_TOKEN_DAYS 应为 1 到 365 的天数，而不是“\(text)”",
                                                                     "GRASSROOTS_TOKEN_DAYS must be 1 to 365 days, not “\(text)”"))
        }
        return TimeInterval(days * 86400)
    }

    /// Issues a token for the account; only its digest is stored, and it stops working after `lifetime()`.
    public func issue(accountID: Int, name: String) async throws -> String {
        let token = "grt_" + AccountStore.randomToken(), now = context.clock()
        let expires = Timestamp.format(now.addingTimeInterval(try Self.lifetime()))
        try await context.database.write { db in
            try await db.insert(into: "api_tokens").columns("token_hash", "account_id", "name", "created_at", "expires_at")
                .values(SQLBind(AccountStore.digest(token)), SQLBind(accountID), SQLBind(name), SQLBind(Timestamp.format(now)), SQLBind(expires)).run()
        }
        return token
    }

    /// The live account a bearer token belongs to: unexpired, and the account not disabled.
    public func account(bearer token: String) async throws -> Account? {
        try await context.database.read { db in
            try await db.raw("""
                \(unsafeRaw: AccountStore.select) JOIN api_tokens t ON t.account_id = a.id
                WHERE t.token_hash = \(bind: AccountStore.digest(token)) AND t.expires_at > \(bind: context.nowText) AND a.disabled = 0
                """).first().map(AccountStore.account)
        }
    }

    /// The caller's own live tokens; an administrator also sees those of every account in their scope.
    public func tokens(for account: Account) async throws -> [APIToken] {
        let scope = account.scope
        return try await context.database.read { db in
            let whose: SQLQueryString = scope.role.administers
                ? "u.path >= \(bind: scope.path) AND u.path < \(bind: scope.upperBound)" : "a.id = \(bind: account.id)"
            let query = db.raw("""
                SELECT t.id, a.username, t.name, t.created_at, t.expires_at FROM api_tokens t
                JOIN accounts a ON a.id = t.account_id JOIN units u ON u.id = a.scope_unit_id
                WHERE t.expires_at > \(bind: context.nowText) AND \(whose) ORDER BY t.id DESC LIMIT 500
                """)
            return try await query.all().map { row in
                APIToken(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                         name: try row.decode(column: "name", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
                         expiresAt: try row.decode(column: "expires_at", as: String.self))
            }
        }
    }

    /// Ends a token the caller owns, or one of an account in an administrator's scope; others look absent.
    public func revoke(_ id: Int, by account: Account) async throws {
        guard let token = try await tokens(for: account).first(where: { $0.id == id }) else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的有效令牌", "No live token \(id)"))
        }
        try await context.database.write { db in
            try await db.delete(from: "api_tokens").where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, account.scope, "revoke_token", "api_token", id: id, path: account.scopePath,
                                      detail: "\(token.username) \(token.name)", now: context.clock())
        }
    }

    /// Ends every session and token of an account, inside the caller's transaction (a reset or a disable).
    static func endAll(accountID: Int, db: any SQLDatabase) async throws {
        try await db.delete(from: "sessions").where("account_id", .equal, SQLBind(accountID)).run()
        try await db.delete(from: "api_tokens").where("account_id", .equal, SQLBind(accountID)).run()
    }
}
