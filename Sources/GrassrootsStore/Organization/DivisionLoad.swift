import GrassrootsCore
import SQLKit

/// One division import as its rows stream past. Rows are written as soon as their parent is placed; a row whose
/// parent has not come yet waits for it (published lists put parents first, so few ever wait). Memory holds the
/// units a row may hang below and one entry per code read, never the file: a whole country's 663,834 rows peak at
/// about 200 MB for the process, SQLite's 64 MB page cache included.
struct DivisionLoad {
    /// A row that passed its own checks.
    struct Row { let line: Int; let code: DivisionCode; let name: String; let kind: UnitKind; let parentCode: String? }
    /// A unit in the system or placed by this import, as far as its children and a re-import need it.
    struct Known { let id: Int; let path: String; let depth: Int; let kind: UnitKind; let name: String }

    private var known: [String: Known]
    /// Every code read so far: its line, and the tier of a good row (nil for a bad one), to tell a missing parent
    /// from one that is in the file but bad or in the wrong tier.
    private var seen: [String: (line: Int, kind: UnitKind?)] = [:]
    private var waiting: [String: [Row]] = [:]
    private var errors: [RowError] = []
    private var topKind = UnitKind.building
    private var writer: BulkWriter
    private var summary = DivisionImportSummary()
    private let roots: Bool, now: String

    init(known: [String: Known], roots: Bool, now: String, writer: BulkWriter) {
        self.known = known; self.roots = roots; self.now = now; self.writer = writer
    }

    /// Takes the next row of the file, good or bad; `code` is a bad row's code as written (read only for a bad row).
    mutating func take(_ checked: Result<Row, RowError>, code: @autoclosure () -> String?) async throws {
        let row: Row
        switch checked {
        case .failure(let error):
            errors.append(error)
            if let code = code(), seen[code] == nil { seen[code] = (error.line, nil) }
            return
        case .success(let good): row = good
        }
        if let first = seen[row.code.value] {
            errors.append(RowError(line: row.line, errors: [FieldError("code", Bilingual(
                "代码 \(row.code) 与第\(first.line)行重复", "Code \(row.code) repeats line \(first.line)"))]))
            return
        }
        seen[row.code.value] = (row.line, row.kind)
        topKind = min(topKind, row.kind)
        summary.counts[row.code.label(as: row.kind), default: 0] += 1
        try await place(row)
    }

    /// Writes the row below its parent, or keeps it waiting for a parent still to come.
    private mutating func place(_ row: Row) async throws {
        if let existing = known[row.code.value] {
            summary.updated += 1
            if existing.name != row.name, errors.isEmpty {
                try await writer.settle()  // one statement at a time on the connection
                try await writer.db.update("units").set("name", to: SQLBind(row.name)).where("id", .equal, SQLBind(existing.id)).run()
            }
            return
        }
        guard let parentCode = row.parentCode else { return try await insert(row, under: nil) }
        guard let parent = known[parentCode] else { return waiting[parentCode, default: []].append(row) }
        guard parent.kind < row.kind else { return errors.append(Self.notAbove(row, parentCode)) }
        try await insert(row, under: parent)
    }

    private mutating func insert(_ row: Row, under parent: Known?) async throws {
        let id = try await writer.ids("units", count: 1)[0]
        let path = (parent?.path ?? "/") + "\(id)/", depth = (parent?.depth ?? -1) + 1
        // Villages have no children in a division list: keeping them would only grow memory.
        if row.kind < .community { known[row.code.value] = Known(id: id, path: path, depth: depth, kind: row.kind, name: row.name) }
        // After the first error nothing more is written (the transaction rolls back), but rows are still placed so
        // that every other bad line is found too.
        if errors.isEmpty {
            try await writer.add("units", [id, parent?.id, row.kind.rawValue, row.code.value, row.name, path, depth, now])
        }
        summary.inserted += 1
        for child in waiting.removeValue(forKey: row.code.value) ?? [] { try await place(child) }
    }

    /// Places the rows still waiting (as roots, for the file's top tier when `roots` allows), refuses the rest,
    /// and writes what is buffered; throws every bad row at once.
    mutating func finish() async throws -> DivisionImportSummary {
        if roots {
            let top = waiting.filter { seen[$0.key] == nil }.values.joined().filter { $0.kind == topKind }.sorted { $0.line < $1.line }
            for row in top {
                waiting[row.parentCode!]?.removeAll { $0.line == row.line }
                try await insert(row, under: nil)
            }
        }
        for (parentCode, rows) in waiting {
            for row in rows {
                switch seen[parentCode] {
                case nil: errors.append(RowError(line: row.line, errors: [FieldError("parent_code", Bilingual(
                    "上级代码 \(parentCode) 既不在文件中也不在系统中（文件顶层的行若本无上级，导入时加 --roots）",
                    "Parent code \(parentCode) is neither in the file nor in the system (if the file's top rows have no parent here, import with --roots)"))]))
                case let parent? where parent.kind.map({ $0 >= row.kind }) == true: errors.append(Self.notAbove(row, parentCode))
                // The parent's own line is bad, or waits for a parent of its own: its error is the one to fix.
                default: break
                }
            }
        }
        if !errors.isEmpty { throw ImportRejected(errors.sorted { $0.line < $1.line }) }
        try await writer.finish()
        return summary
    }

    /// Waits for an insert still running, on the way out of a failed import (its own error, if any, is moot).
    mutating func settle() async { try? await writer.settle() }

    static func notAbove(_ row: Row, _ parentCode: String) -> RowError {
        RowError(line: row.line, errors: [FieldError("parent_code", Bilingual(
            "上级代码 \(parentCode) 不是比\(row.kind.label.zh)高一级的单位",
            "Parent code \(parentCode) is not a unit above a \(row.kind.label.en.lowercased())"))])
    }
}
