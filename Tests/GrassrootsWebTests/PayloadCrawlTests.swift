import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Stored markup, crawled: a payload that closes an attribute and opens an element is written into every free-text
/// column of the demo city (the first rows of each table, past the forms' checks, as an import or an old row could
/// hold it), then every page each role can open is fetched: parameter-free pages and one record of each
/// parameterised page inside the caller's reach. No HTML page may contain the payload as markup.
@Suite struct PayloadCrawlTests {
    static let payload = "\"'><img src=x onerror=alert(1)>"

    /// Column names that hold what people type: names, titles, texts, notes, places.
    static let freeText: Set<String> = [
        "name", "display_name", "title", "description", "body", "note", "summary", "instructions", "headline", "comment", "commitment",
        "label", "resolution", "minutes", "goals", "review", "place", "address", "employer", "employer_party_org", "venues", "skills",
        "funds", "activity", "items", "liaison_name", "contact_name", "feedback_comment", "flag_note", "status_note", "public_reply",
        "project", "event", "area_desc", "matter", "posts_note", "room", "opening_hours", "online_matters", "phone", "unit_name", "actor",
    ]

    /// Writes the payload into every free-text column of the first rows of every table; returns how many columns took it.
    static func plant(_ context: StoreContext) async throws -> Int {
        try await context.database.write { db in
            let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
            var planted = 0
            for table in tables {
                let columns = try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all()
                    .filter { (try? $0.decode(column: "type", as: String.self).uppercased()) == "TEXT" }
                    .compactMap { try? $0.decode(column: "name", as: String.self) }.filter(freeText.contains)
                for column in columns {
                    // A CHECK (an enum, a length) may refuse the payload; the column then cannot hold it from any source.
                    do {
                        try await db.raw("""
                            UPDATE \(ident: table) SET \(ident: column) = \(bind: payload) || rowid WHERE rowid IN (SELECT rowid FROM \(ident: table) ORDER BY rowid LIMIT 40)
                            """).run()
                        planted += 1
                    } catch {}
                }
            }
            return planted
        }
    }

    @Test func noPageShowsStoredMarkupAsMarkup() async throws {
        let policy = RoutePolicy()
        let (app, context) = try await AuthorizationTests.app(policy: policy)
        defer { Task { try? await context.database.close() } }
        try await RecordMatrix.complete(context)
        let planted = try await Self.plant(context)
        #expect(planted > 40, "free-text columns took the payload")
        let callers = try await RecordMatrix.accounts(context, DemoCity.accounts.map(\.username))
        let pages = policy.table.filter { $0.method == .get && !$0.path.contains("{") && !$0.path.contains("*") && !$0.access.grants.contains { [.operators, .gatewayReport].contains($0.rule) } }
        let records = policy.table.filter { $0.method == .get && ($0.path.contains("{") || $0.path.contains("*")) && !RecordMatrix.isStream($0.path) }
        let fetched = try await app.test(.router) { client in
            var fetched = 0
            for caller in callers {
                let headers = try await MobilizationWebTests.bearer(client, caller.username)
                var uris = pages.filter { $0.access.admits(caller.role) }.map(\.path)
                for entry in records where entry.access.admits(caller.role) {
                    guard let resource = RecordMatrix.resource(for: entry.path) else { continue }
                    let rule = entry.access.grants.first { $0.roles?.contains(caller.role) ?? true }!.rule
                    uris += try await RecordMatrix.cases(entry, resource, rule, caller, twin: nil, context).filter(\.inside).map(\.uri)
                }
                for uri in uris {
                    try await client.execute(uri: uri, method: .get, headers: headers) { response in
                        guard response.headers[.contentType]?.hasPrefix("text/html") == true else { return }
                        fetched += 1
                        #expect(!String(buffer: response.body).contains("<img src=x onerror=alert(1)>"), "\(caller.username) GET \(uri) shows the payload as markup")
                    }
                }
            }
            return fetched
        }
        print("payload crawl: \(planted) free-text columns, \(fetched) HTML pages over \(callers.count) roles")
    }
}
