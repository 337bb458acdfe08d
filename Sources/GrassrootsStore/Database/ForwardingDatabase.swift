import Logging
import NIOCore
import SQLKit

/// A sql-kit handle that forwards everything to `base` and carries something more: the driver's connection, for the
/// bulk paths that go past sql-kit (COPY on PostgreSQL, native binds on SQLite) inside the same transaction.
protocol ForwardingDatabase: SQLDatabase {
    /// The plain handle every statement goes to.
    var base: any SQLDatabase { get }
}

extension ForwardingDatabase {
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
