import Foundation
import SQLKit

/// Counts failed logins per username and per client address. An attempt is recorded as a failure *before* its
/// password is checked, in the same transaction that counts the earlier ones, so parallel guesses cannot all slip
/// under the limit; a correct password then clears the username's record.
struct LoginThrottle: Sendable {
    /// Failures allowed per username within `window`: a guesser gets five tries a quarter of an hour.
    static let maxPerUsername = 5
    /// Failures allowed per client address within `window`, across all usernames (one office shares an address).
    static let maxPerAddress = 30
    static let window: TimeInterval = 15 * 60
    /// A fixed key for PostgreSQL's transaction advisory lock; SQLite's single writer already serializes.
    static let lockKey = 7_340_017

    let context: StoreContext

    /// Records an attempt for `username` from `address`, or says the attempt may not be made.
    func admit(username: String, address: String, at now: Date) async throws -> Bool {
        let since = Timestamp.format(now.addingTimeInterval(-Self.window))
        let engine = context.database.engine
        return try await context.database.write { db in
            if engine == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey))").run() }
            let byUsername = try await Self.count(db, "username", username, since: since)
            let byAddress = try await Self.count(db, "address", address, since: since)
            guard byUsername < Self.maxPerUsername, byAddress < Self.maxPerAddress else { return false }
            try await db.insert(into: "login_failures").columns("username", "address", "at")
                .values(SQLBind(username), SQLBind(address), SQLBind(Timestamp.format(now))).run()
            return true
        }
    }

    /// Forgets a username's failures: after a correct password, or when an operator unlocks the account.
    static func clear(username: String, db: any SQLDatabase) async throws {
        try await db.delete(from: "login_failures").where("username", .equal, SQLBind(username)).run()
    }

    static func count(_ db: any SQLDatabase, _ column: String, _ value: String, since: String) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("login_failures")
            .where(SQLColumn(column), .equal, SQLBind(value)).where("at", .greaterThanOrEqual, SQLBind(since))
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
