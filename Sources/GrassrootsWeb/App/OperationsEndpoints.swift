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

    /// 200 when the database answers and every migration this build knows is applied, else 503 saying which of the two failed,
    /// so a rolling deploy does not send traffic to a server whose schema is behind its code.
    static func ready(_ stores: Stores) async -> Response {
        let readiness = await Readiness.check(stores.context.database)
        let engine = readiness.engine.rawValue
        if readiness.isReady {
            return JSONBody.response(ReadyBody(status: "ready", engine: engine, migrations: readiness.applied, pending: nil, error: nil))
        }
        let error = readiness.reachable
            ? Bilingual("有 \(readiness.pending.count) 个数据库迁移尚未执行，请运行 grassroots migrate",
                        "\(readiness.pending.count) migrations pending; run grassroots migrate")
            : Bilingual("数据库无法连接", "database unreachable")
        return JSONBody.response(ReadyBody(status: "unavailable", engine: engine, migrations: readiness.applied,
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
