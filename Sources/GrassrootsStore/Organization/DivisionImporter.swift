import Foundation
import GrassrootsCore
import SQLKit

/// Imports statistical divisions (`code,name,level,parent_code`, level 1 province … 5 village/community) as the
/// statistics bureau publishes them, up to a whole country's list. The file streams past in pieces: each row is
/// checked and written as it comes (`DivisionLoad`), so memory holds the units that may be parents, not the file.
/// One bad row refuses the whole file, every bad line listed, and the transaction leaves nothing behind.
/// Re-importing updates names.
public struct DivisionImporter: Sendable {
    let context: StoreContext

    /// Creates the importer.
    public init(_ context: StoreContext) { self.context = context }

    static let aliases = ["code": ["代码", "区划代码"], "name": ["名称"], "level": ["级别", "层级"], "parent_code": ["上级代码"]]

    /// Imports the CSV `text`; see `importCSV(_:scope:roots:progress:)`.
    public func importCSV(_ text: String, scope: Scope, roots: Bool = false,
                          progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> DivisionImportSummary {
        try await importCSV(.text(text), scope: scope, roots: roots, progress: progress)
    }

    /// Imports the divisions in `source`; only a city administrator over the whole territory may. A row whose parent
    /// is neither in the file nor in the system is refused, unless `roots` says the file's top-tier rows are roots on
    /// purpose (a county's file names its prefecture, which the system need not hold). `progress` gets bytes read.
    public func importCSV(_ source: CSVSource, scope: Scope, roots: Bool = false,
                          progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> DivisionImportSummary {
        guard scope.role == .cityAdmin, scope.path == "/" else { throw AccessDenied() }
        let context = context
        return try await context.database.write { db in
            // Overlapped: SQLite writes one batch while the next is read and checked.
            var load = DivisionLoad(known: try await Self.known(db), roots: roots, now: context.nowText,
                                    writer: BulkWriter(database: context.database, db: db, order: ["units"], overlap: true))
            let summary: DivisionImportSummary
            do {
                var header: CSVHeader?
                try await source.read { records, done, total in
                    for record in records {
                        guard let header else { header = try Self.header(record); continue }
                        try await load.take(Self.row(record, header: header), code: header.value("code", in: record.fields))
                    }
                    progress?(done, total)
                }
                guard header != nil else {
                    throw ImportRejected([RowError(line: 1, errors: [FieldError("file", Bilingual("文件为空", "The file is empty"))])])
                }
                summary = try await load.finish()
            } catch {
                await load.settle()
                throw error
            }
            try await AuditLog.record(db, scope, "import", "divisions", id: nil, path: "/",
                                      detail: "inserted \(summary.inserted), updated \(summary.updated)", now: context.clock())
            return summary
        }
    }

    /// The units already in the system that carry a code: those a row may update or hang below.
    static func known(_ db: any SQLDatabase) async throws -> [String: DivisionLoad.Known] {
        var known: [String: DivisionLoad.Known] = [:]
        for row in try await db.select().columns("id", "kind", "code", "name", "path", "depth").from("units")
            .where(SQLColumn("code"), .isNot, SQLLiteral.null).all() {
            guard let kind = UnitKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            known[try row.decode(column: "code", as: String.self)] = DivisionLoad.Known(
                id: try row.decode(column: "id", as: Int.self), path: try row.decode(column: "path", as: String.self),
                depth: try row.decode(column: "depth", as: Int.self), kind: kind, name: try row.decode(column: "name", as: String.self))
        }
        return known
    }

    /// Reads the header, refusing one that lacks a required column.
    static func header(_ record: CSV.Record) throws -> CSVHeader {
        let header = CSVHeader(record.fields, aliases: aliases)
        let missing = header.missing(["code", "name", "level"])
        guard missing.isEmpty else {
            throw ImportRejected([RowError(line: record.line, errors: [FieldError("header", Bilingual(
                "表头缺少列：\(missing.joined(separator: ", "))", "The header lacks columns: \(missing.joined(separator: ", "))"))])])
        }
        return header
    }

    /// Checks one row on its own: its level, name, code for that level, and a parent code that agrees with the digits.
    static func row(_ record: CSV.Record, header: CSVHeader) -> Result<DivisionLoad.Row, RowError> {
        var v = Validator()
        let level = header.value("level", in: record.fields).flatMap(Int.init)
        let kind = level.flatMap(UnitKind.fromDivisionLevel)
        v.check(kind != nil, "level", Bilingual("级别应为1–5的数字", "Level must be a number from 1 to 5"))
        let name = header.value("name", in: record.fields) ?? ""
        v.check(!name.isEmpty && (name.utf8.count <= 100 || name.count <= 100), "name",
                Bilingual("名称不能为空，且不超过100个字", "Name is required, at most 100 characters"))
        let code = kind.flatMap { kind in v.capture { try DivisionCode(header.value("code", in: record.fields) ?? "", kind: kind) } }
        let parent = header.value("parent_code", in: record.fields)
        // A county-level unit may sit under a prefecture or straight under its province (省直辖县级), so its
        // parent need not be the one its digits imply.
        if let code, let parent, let implied = code.impliedParent, implied != parent, kind != .city {
            v.fail("parent_code", Bilingual("上级代码 \(parent) 与代码 \(code) 不符", "Parent code \(parent) does not match code \(code)"))
        }
        guard v.errors.isEmpty, let code, let kind else { return .failure(RowError(line: record.line, errors: v.errors)) }
        return .success(DivisionLoad.Row(line: record.line, code: code, name: name, kind: kind, parentCode: parent ?? code.impliedParent))
    }
}

/// What a division import did: rows inserted and updated, and how many of each kind of unit the file held.
public struct DivisionImportSummary: Sendable, Equatable {
    /// Units created.
    public var inserted = 0
    /// Units already there whose row was read again (their names updated).
    public var updated = 0
    /// Rows per kind (省, 市州, 县市区, 街道, 镇, 乡, 其他乡级单位, 社区, 村, 虚拟社区, 虚拟生活区), in that order,
    /// kinds absent left out.
    public var kinds: [(label: Bilingual, count: Int)] {
        Self.order.compactMap { label in counts[label].map { (label, $0) } }
    }

    var counts: [Bilingual: Int] = [:]

    static let order = [UnitKind.province.label, UnitKind.prefecture.label, UnitKind.city.label]
        + DivisionCode.TownshipKind.allCases.map(\.label) + DivisionCode.VillageKind.allCases.map(\.label)
}
