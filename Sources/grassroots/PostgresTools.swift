import Foundation
import GrassrootsCore
import GrassrootsStore

/// Runs PostgreSQL's own `pg_dump` and `pg_restore`: they know every object type and version quirk,
/// which a hand-written dump would not.
struct PostgresTools {
    /// The connection URL without its password (which goes in `PGPASSWORD`, so it never shows in `ps`).
    let url: String
    let password: String?

    /// Splits `url` into what goes on the command line and what goes in the environment.
    init(url: String) {
        guard var parts = URLComponents(string: url), parts.password != nil else { self.url = url; password = nil; return }
        password = parts.password?.removingPercentEncoding
        parts.password = nil
        self.url = parts.string ?? url
    }

    /// The first `name` on PATH, else under /usr/lib/postgresql/*/bin, highest version first
    /// (a newer pg_dump can dump an older server, not the reverse).
    static func locate(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let fm = FileManager.default
        let onPath = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0, $0) > (Int($1) ?? 0, $1) }
            .map { "/usr/lib/postgresql/\($0)/bin/\(name)" }
        guard let found = (onPath + versions).first(where: { fm.isExecutableFile(atPath: $0) }) else {
            throw StoreError.unavailable("\(name) was not found on PATH or under /usr/lib/postgresql/*/bin; install the PostgreSQL client tools (apt-get install postgresql-client)")
        }
        return found
    }

    /// Runs the tool with `arguments` and returns its standard output; a non-zero exit throws with its standard error.
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let executable = try Self.locate(tool)
        // Files rather than pipes: a large listing would fill a pipe and block the tool while we wait for it to exit.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-\(tool)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw StoreError.unavailable("\(tool) failed (exit \(process.terminationStatus)):\n\(stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }

    /// `pg_dump --format=custom`: compressed, and restorable table by table with `pg_restore`.
    /// The caller has checked that `file` did not exist, so a failed dump's leftover (pg_dump creates the file before
    /// connecting) is removed rather than mistaken for a backup later.
    func dump(to file: String) throws {
        do { _ = try run("pg_dump", ["--format=custom", "--file", file, url]) } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
    }

    /// True when `file` is a custom-format dump holding Grassroots' `schema_migrations` table.
    func isGrassrootsDump(_ file: String) throws -> Bool {
        let listing: String
        do { listing = try run("pg_restore", ["--list", file]) } catch { return false }
        // Lines look like `215; 1259 16385 TABLE public schema_migrations postgres`.
        return listing.split(separator: "\n").contains { line in
            let words = line.split(separator: " ")
            return words.firstIndex(of: "TABLE").map { words.dropFirst($0 + 1).prefix(2).contains("schema_migrations") } ?? false
        }
    }

    /// The migration names recorded in the dump's `schema_migrations` (its data, printed by pg_restore as COPY text).
    func migrations(in file: String) throws -> [String] {
        let script = try run("pg_restore", ["--data-only", "--table=schema_migrations", "--file=-", file])
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false)[...]
        // `COPY public.schema_migrations (name, applied_at) FROM stdin;`, the rows tab-separated, then `\.`.
        guard let start = lines.firstIndex(where: { $0.hasPrefix("COPY ") && $0.contains("schema_migrations") }),
              let open = lines[start].firstIndex(of: "("), let close = lines[start].firstIndex(of: ")") else { return [] }
        let columns = lines[start][lines[start].index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = columns.firstIndex(of: "name") else { return [] }
        lines = lines[(start + 1)...]
        return lines.prefix { $0 != "\\." }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count > name ? String(fields[name]) : nil
        }
    }

    /// `pg_restore --clean --if-exists --no-owner`: drops what the dump holds and recreates it, owned by the connecting role.
    func restore(from file: String) throws {
        _ = try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--dbname", url, file])
    }
}
