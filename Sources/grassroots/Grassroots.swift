import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore
import GrassrootsWeb
import Hummingbird
import Logging

/// The command-line entry point: serve, migrate, import, user, verify.
@main
struct Grassroots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grassroots",
        abstract: "Urban grassroots governance: territory, organizations, household registry, coverage.",
        subcommands: [Serve.self, DemoCommand.self, Migrate.self, Import.self, Export.self, DirectiveCommand.self, User.self, Verify.self, Checkup.self, Boundaries.self, Backup.self, Restore.self, RoutesCommand.self]
    )
}

/// Options every command shares: where the data and the personal-data key live.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite file (default grassroots.sqlite). When omitted and DATABASE_URL is set, PostgreSQL is used.")
    var database: String?

    @Option(help: "File holding the personal-data key (created on first use). Default: beside the database, or grassroots.key.")
    var keyFile: String?

    @Option(help: "Folder for photo files (created on first use). Default: beside the database (NAME.photos), or grassroots-photos.")
    var photos: String?

    /// Opens the database, runs `body`, and closes the connections whether `body` succeeded or not.
    func with<T>(_ body: (StoreContext) async throws -> T) async throws -> T {
        let context = try await open()
        do {
            let result = try await body(context)
            try await context.database.close()
            return result
        } catch {
            try? await context.database.close()
            throw error
        }
    }

    /// Opens and migrates the database, and loads the key.
    func open() async throws -> StoreContext {
        let location = DatabaseLocation.resolve(sqlitePath: database)
        let stem: String = switch location {
        case .sqlite(let path): path.hasSuffix(".sqlite") ? String(path.dropLast(7)) : path
        case .postgres: "grassroots"
        }
        let defaultKey = stem + ".key"
        let cipher = try PersonalDataCipher.loadOrCreate(path: keyFile ?? defaultKey)
        let db = try await location.open()
        do { try await Migrator.migrate(db) } catch { try? await db.close(); throw error }
        return StoreContext(database: db, cipher: cipher, photoFolder: photoFolder)
    }

    /// Photos stay beside the database they belong to, as the key does; with PostgreSQL, in the working folder.
    var photoFolder: URL {
        switch DatabaseLocation.resolve(sqlitePath: database) {
        case .sqlite(let path): URL(fileURLWithPath: photos ?? (path.hasSuffix(".sqlite") ? String(path.dropLast(7)) : path) + ".photos")
        case .postgres: URL(fileURLWithPath: photos ?? "grassroots-photos")
        }
    }
}

/// A terminal progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar: Sendable {
    let label: String
    static let isTerminal = isatty(STDERR_FILENO) != 0

    func callAsFunction(_ done: Int, _ total: Int) {
        guard Self.isTerminal, total > 0 else { return }
        let width = 30, filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    }
}

/// Prints a clear message for errors users can fix, and exits non-zero.
func reportFailure(_ error: any Error) -> ExitCode {
    let text: String = switch error {
    case let e as ImportRejected: "import refused, nothing was written:\n" + e.rows.prefix(100).map { $0.text(.en) + " | " + $0.text(.zh) }.joined(separator: "\n")
        + (e.rows.count > 100 ? "\n… and \(e.rows.count - 100) more bad rows" : "")
    // Both languages, as the import's row errors: whoever runs the command reads one of them.
    case let e as GrassrootsCore.ValidationError: "invalid input:\n" + e.errors.map { "  \($0.field): \($0.message.zh) | \($0.message.en)" }.joined(separator: "\n")
    case let e as StoreError:
        switch e {
        case .notFound(let m), .conflict(let m), .brokenReference(let m): "error: \(m.zh) | \(m.en)"
        case .storageFull(let m): "error: 磁盘已满，未保存任何内容 | the disk is full; nothing was saved — \(m)"
        case .readOnly(let m): "error: 数据库为只读 | the database is read-only — \(m)"
        case .unavailable(let m): "error: \(m)"
        }
    case let e as AccessDenied: "error: \(e.message.zh) | \(e.message.en)"
    default: "error: \(String(describing: error))"
    }
    FileHandle.standardError.write(Data((text + "\n").utf8))
    return .failure
}
