import Foundation
import GrassrootsCore
import SQLKit

/// Imports statistical divisions (`code,name,level,parent_code`, level 1 province … 5 village/community).
/// Every row is checked first; one bad row refuses the whole file. Re-importing updates names.
public struct DivisionImporter: Sendable {
    let context: StoreContext

    /// Creates the importer.
    public init(_ context: StoreContext) { self.context = context }

    struct Row { let line: Int; let code: DivisionCode; let name: String; let kind: UnitKind; let parentCode: String? }

    static let aliases = ["code": ["代码", "区划代码"], "name": ["名称"], "level": ["级别", "层级"], "parent_code": ["上级代码"]]

    /// Imports the CSV `text`; the scope must be the whole territory (only a city administrator imports divisions).
    public func importCSV(_ text: String, scope: Scope, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportSummary {
        guard scope.role == .cityAdmin, scope.path == "/" else { throw AccessDenied() }
        let rows = try parse(text)
        return try await context.database.write { db in
            var known: [String: (id: Int, path: String, depth: Int)] = [:]
            for row in try await db.select().columns("id", "code", "path", "depth").from("units")
                .where(SQLColumn("code"), .isNot, SQLLiteral.null).all() {
                known[try row.decode(column: "code", as: String.self)] =
                    (try row.decode(column: "id", as: Int.self), try row.decode(column: "path", as: String.self),
                     try row.decode(column: "depth", as: Int.self))
            }
            let fresh = rows.filter { known[$0.code.value] == nil }
            let minRank = rows.map(\.kind.rank).min() ?? 0
            var problems: [RowError] = []
            let inFile = Set(rows.map(\.code.value))
            for row in rows {
                if let parent = row.parentCode, known[parent] == nil, !inFile.contains(parent), row.kind.rank != minRank {
                    problems.append(RowError(line: row.line, errors: [FieldError("parent_code", Bilingual(
                        "上级代码 \(parent) 既不在文件中也不在系统中", "Parent code \(parent) is neither in the file nor in the system"))]))
                }
            }
            if !problems.isEmpty { throw ImportRejected(problems) }
            var ids = try await context.database.reserveIDs("units", count: fresh.count, on: db).makeIterator()
            var summary = ImportSummary()
            let now = context.nowText
            var values: [[any SQLExpression]] = []
            for row in rows.sorted(by: { $0.kind.rank < $1.kind.rank }) {
                if let existing = known[row.code.value] {
                    try await db.update("units").set("name", to: SQLBind(row.name)).where("id", .equal, SQLBind(existing.id)).run()
                    summary.updated += 1
                    continue
                }
                let id = ids.next()!
                let parent = row.parentCode.flatMap { known[$0] }
                let path = (parent?.path ?? "/") + "\(id)/"
                known[row.code.value] = (id, path, (parent?.depth ?? -1) + 1)
                values.append([SQLBind(id), SQLBind(parent?.id), SQLBind(row.kind.rawValue), SQLBind(row.code.value),
                               SQLBind(row.name), SQLBind(path), SQLBind((parent?.depth ?? -1) + 1), SQLBind(now)])
                summary.inserted += 1
            }
            var done = 0
            for chunk in chunked(values, size: 500) {
                let insert = db.insert(into: "units").columns("id", "parent_id", "kind", "code", "name", "path", "depth", "created_at")
                for value in chunk { insert.values(value) }
                try await insert.run()
                done += chunk.count
                progress?(done, values.count)
            }
            try await AuditLog.record(db, scope, "import", "divisions", id: nil, path: "/",
                                      detail: "inserted \(summary.inserted), updated \(summary.updated)", now: context.clock())
            return summary
        }
    }

    /// Checks every row and reports all the bad ones with their line numbers.
    func parse(_ text: String) throws -> [Row] {
        let records = try CSV.parse(text)
        guard let headerRecord = records.first else {
            throw ImportRejected([RowError(line: 1, errors: [FieldError("file", Bilingual("文件为空", "The file is empty"))])])
        }
        let header = CSVHeader(headerRecord.fields, aliases: Self.aliases)
        let missing = header.missing(["code", "name", "level"])
        guard missing.isEmpty else {
            throw ImportRejected([RowError(line: 1, errors: [FieldError("header", Bilingual(
                "表头缺少列：\(missing.joined(separator: ", "))", "The header lacks columns: \(missing.joined(separator: ", "))"))])])
        }
        var rows: [Row] = [], problems: [RowError] = [], seen: [String: Int] = [:]
        for record in records.dropFirst() {
            var v = Validator()
            let level = header.value("level", in: record.fields).flatMap(Int.init)
            let kind = level.flatMap(UnitKind.fromDivisionLevel)
            v.check(kind != nil, "level", Bilingual("级别应为1–5的数字", "Level must be a number from 1 to 5"))
            let name = header.value("name", in: record.fields) ?? ""
            v.check(!name.isEmpty && name.count <= 100, "name", Bilingual("名称不能为空", "Name is required"))
            let code = kind.flatMap { kind in v.capture { try DivisionCode(header.value("code", in: record.fields) ?? "", kind: kind) } }
            let parent = header.value("parent_code", in: record.fields)
            if let code, let parent, let implied = code.impliedParent, implied != parent, kind != .city {
                v.fail("parent_code", Bilingual("上级代码 \(parent) 与代码 \(code) 不符", "Parent code \(parent) does not match code \(code)"))
            }
            if let code, let first = seen[code.value] {
                v.fail("code", Bilingual("代码 \(code) 与第\(first)行重复", "Code \(code) repeats line \(first)"))
            }
            if let code { seen[code.value] = seen[code.value] ?? record.line }
            if v.errors.isEmpty, let code, let kind {
                rows.append(Row(line: record.line, code: code, name: name, kind: kind, parentCode: parent))
            } else {
                problems.append(RowError(line: record.line, errors: v.errors))
            }
        }
        if !problems.isEmpty { throw ImportRejected(problems) }
        return rows
    }
}
