import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The route × role test for the routes that name a record: generated from the router's table like
/// `RouteMatrixTests`, with, for every role a route admits, a record of the demo city inside what the role's grant
/// reaches and one outside it. Outside: 403 or 404 and nothing written, in any table. Inside: a page or document.
/// A parameterised route without a `RecordMatrix.resources` entry fails the test.
@Suite struct RecordMatrixTests {
    @Test(arguments: AuthorizationTests.engines)
    func everyRecordRouteAnswersInsideTheCallersReachAndRefusesOutside(engine: Engine) async throws {
        let policy = RoutePolicy()
        let (app, context) = try await AuthorizationTests.app(policy: policy, engine: engine)
        defer { Task { try? await context.database.close() } }
        let routes = policy.table.filter { $0.path.contains("{") || $0.path.contains("*") }
        #expect(routes.count > 120, "the table holds every parameterised route")
        let unmapped = routes.filter { RecordMatrix.resource(for: $0.path) == nil }.map { "\($0.method) \($0.path)" }
        #expect(unmapped.isEmpty, "a parameterised route needs a RecordMatrix.resources entry: \(unmapped)")
        try await RecordMatrix.complete(context)
        let callers = try await RecordMatrix.callers(context)
        let (refusals, admissions, writesInside) = try await app.test(.router) { client in
            var headers: [String: HTTPFields] = [:]
            for caller in callers { headers[caller.username] = try await MobilizationWebTests.bearer(client, caller.username) }
            // The cases are drawn after every caller holds a token, so that one caller's token is another's outside record.
            var cases: [RecordMatrix.Case] = []
            for entry in routes {
                guard let resource = RecordMatrix.resource(for: entry.path) else { continue }
                for caller in callers where entry.access.admits(caller.role) {
                    let rule = entry.access.grants.first { $0.roles?.contains(caller.role) ?? true }!.rule
                    let twin = callers.first { $0.username == caller.twin }
                    cases += try await RecordMatrix.cases(entry, resource, rule, caller, twin: twin, context)
                }
            }
            let refusals = cases.filter { !$0.inside }, admissions = cases.filter { $0.inside && $0.method == .get }
            // Every route is tried from outside by some caller, and every page from inside, unless it names no record.
            for entry in routes {
                guard let resource = RecordMatrix.resource(for: entry.path), resource.hasRecords else { continue }
                // A route only city-wide roles use has no outside: the whole city is theirs.
                let reachesLess = callers.contains { $0.twin != nil && entry.access.admits($0.role) }
                if !refusals.contains(where: { $0.route == entry.path && $0.method == entry.method }) && !resource.noOutside && reachesLess {
                    Issue.record("no caller tries \(entry.method) \(entry.path) from outside")
                }
                if entry.method == .get, !RecordMatrix.isStream(entry.path), !admissions.contains(where: { $0.route == entry.path }) {
                    Issue.record("no caller reads GET \(entry.path) from inside")
                }
            }
            let before = try await RouteMatrixTests.rowCounts(context)
            for refused in refusals {
                try await client.execute(uri: refused.uri, method: refused.method, headers: headers[refused.username]!, body: ByteBuffer(string: "{}")) { response in
                    let allowed: Set<UInt> = refused.method == .get ? [403, 404] : [400, 403, 404, 422]
                    #expect(allowed.contains(UInt(response.status.code)), "\(refused.username) \(refused.method) \(refused.uri) (outside): \(response.status)")
                }
            }
            #expect(try await RouteMatrixTests.rowCounts(context) == before, "a request from outside a caller's reach writes nothing, in any table")
            for admitted in admissions where !RecordMatrix.isStream(admitted.route) {
                try await client.execute(uri: admitted.uri, method: .get, headers: headers[admitted.username]!) { response in
                    #expect((200..<400).contains(response.status.code), "\(admitted.username) GET \(admitted.uri) (inside): \(response.status)")
                    RouteMatrixTests.expectSafePage(response, "\(admitted.username) GET \(admitted.uri)")
                }
            }
            return (refusals.count, admissions.count, cases.count - refusals.count - admissions.count)
        }
        print("record matrix (\(engine.rawValue)): \(routes.count) parameterised routes × \(Set(callers.map(\.role)).count) roles (\(callers.count) accounts); "
              + "\(refusals) outside cases refused, \(admissions) inside reads answered, \(writesInside) inside writes left to the store tests")
    }
}
