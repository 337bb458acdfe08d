import Foundation
import GrassrootsCore
import SQLKit

/// What every store needs: the database, the personal-data cipher and the clock (injected so tests control time).
public struct StoreContext: Sendable {
    public let database: any Database
    public let cipher: PersonalDataCipher
    public let clock: @Sendable () -> Date
    /// Where photo files are kept (`PhotoStore`); a command names it, beside the SQLite file by default. Left out
    /// (tests, tools that show no photo) it is a folder of its own under the temporary directory.
    public let photoFolder: URL
    /// How messages to people are written and timed (`serve --public-url`, `--quiet-hours`).
    public let messaging: MessagingSettings

    /// Creates a context; `clock` defaults to the system clock.
    public init(database: any Database, cipher: PersonalDataCipher, clock: @escaping @Sendable () -> Date = { Date() }, photoFolder: URL? = nil,
                messaging: MessagingSettings = MessagingSettings()) {
        self.database = database; self.cipher = cipher; self.clock = clock; self.messaging = messaging
        self.photoFolder = photoFolder ?? FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-photos-\(UUID().uuidString)")
    }

    /// The current time as stored.
    public var nowText: String { Timestamp.format(clock()) }

    /// The same context, with other messaging settings.
    public func with(_ messaging: MessagingSettings) -> StoreContext {
        StoreContext(database: database, cipher: cipher, clock: clock, photoFolder: photoFolder, messaging: messaging)
    }

    /// The same database with the clock stopped at `date`: the demo records each step at the time it would have happened.
    public func at(_ date: Date) -> StoreContext { StoreContext(database: database, cipher: cipher, clock: { date }, photoFolder: photoFolder, messaging: messaging) }
}

/// How messages to people are written and timed.
public struct MessagingSettings: Sendable {
    /// The address residents reach this server at, for links in messages; nil leaves links out.
    public var publicURL: String?
    /// When messages that are not emergencies wait; nil sends at any hour.
    public var quietHours: QuietHours?

    public init(publicURL: String? = nil, quietHours: QuietHours? = .standard) { self.publicURL = publicURL; self.quietHours = quietHours }
}

extension SQLSelectBuilder {
    /// Restricts `column` (a materialized path) to the scope's subtree: one indexed range predicate.
    @discardableResult
    public func within(_ scope: Scope, column: String = "path") -> Self {
        self.where(SQLColumn(column), .greaterThanOrEqual, SQLBind(scope.path))
            .where(SQLColumn(column), .lessThan, SQLBind(scope.upperBound))
    }
}

extension Scope {
    /// `Scope.concerns` in SQL, for raw queries: `path` inside the scope (an indexed range) or a prefix of the scope's path.
    func withinOrAbove() -> SQLQueryString {
        "((path >= \(bind: path) AND path < \(bind: upperBound)) OR \(bind: path) LIKE path || '%')"
    }
}

/// Splits `items` into chunks of `size`, for multi-row inserts that stay under the engines' bind limits.
func chunked<T>(_ items: [T], size: Int) -> [ArraySlice<T>] {
    stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
}
