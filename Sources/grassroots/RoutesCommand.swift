import ArgumentParser
import Foundation
import GrassrootsStore
import GrassrootsWeb
import Logging

/// `grassroots routes`: the route table the server enforces, built the way `serve` builds it.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routes",
        abstract: "Print every route with the roles that may call it and the scope rule for what it touches.")

    @Flag(help: "Print the Markdown table that docs/SECURITY.md carries.") var markdown = false

    func run() async throws {
        // Building the router reads nothing from the database; a throwaway one keeps any real file untouched.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-routes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try await SQLiteStore.open(path: dir.appendingPathComponent("routes.sqlite").path, logger: Logger(label: "routes"))
        let cipher = try PersonalDataCipher(masterKey: Data(repeating: 0, count: 32))
        let policy = RoutePolicy()
        _ = buildRouter(Stores(StoreContext(database: db, cipher: cipher)), policy: policy)
        try await db.close()
        print(markdown ? policy.markdown : policy.text, terminator: "")
    }
}
