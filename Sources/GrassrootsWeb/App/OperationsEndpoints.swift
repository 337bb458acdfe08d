import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// `/ready` and `/metrics`: answers for load balancers and Prometheus, without a session.
/// Neither says anything about people: engine, migration names and counts only.
enum OperationsEndpoints {
    /// The `/ready` body. `error` is present only when not ready.
    struct ReadyBody: Encodable {
        let status: String
        let engine: String
        let migrations: Int
        let pending: [String]?
        let error: Bilingual?
    }

    /// 200 when the database answers, every migration this build knows is applied and writes can succeed; else 503 saying
    /// what failed (`unavailable`, `read_only`, `disk_full`), so a rolling deploy does not send traffic to a server whose
    /// schema is behind its code, and a balancer stops sending it to one whose database takes no writes.
    static func ready(_ stores: Stores) async -> Response {
        let readiness = await Readiness.check(stores.context.database)
        let engine = readiness.engine.rawValue
        if readiness.isReady {
            return JSONBody.response(ReadyBody(status: "ready", engine: engine, migrations: readiness.applied, pending: nil, error: nil))
        }
        // The first thing wrong, in the order an operator fixes them: reach the database, migrate it, free its disk.
        let status: String, error: Bilingual
        if !readiness.reachable {
            (status, error) = ("unavailable", Bilingual("数据库无法连接", "database unreachable"))
        } else if !readiness.pending.isEmpty {
            (status, error) = ("unavailable", Bilingual("有 \(readiness.pending.count) 个数据库迁移尚未执行，请运行 grassroots migrate",
                                                        "\(readiness.pending.count) migrations pending; run grassroots migrate"))
        } else {
            // Reachable and migrated, so the write probe found the problem.
            let writes = readiness.writes
            (status, error) = (writes?.problem?.rawValue ?? "unavailable", writes?.message ?? Bilingual("数据库无法写入", "the database takes no writes"))
        }
        return JSONBody.response(ReadyBody(status: status, engine: engine, migrations: readiness.applied,
                                           pending: readiness.reachable ? readiness.pending : nil, error: error),
                                 status: .serviceUnavailable)
    }

    /// The Prometheus exposition: this process's request metrics and the database's counts, read now.
    static func metrics(_ stores: Stores) async -> Response {
        // A failed or stuck read still answers (with grassroots_database_up 0): a scrape that errors would hide the request metrics too.
        let database = stores.context.database
        let gauges = await Readiness.answer(within: .seconds(5)) { try await OperationalGauges.read(database) }
        let text = await stores.metrics.render(gauges: gauges)
        return Response(status: .ok, headers: [.contentType: MetricsRegistry.contentType, .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
