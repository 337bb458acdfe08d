import Foundation
import GrassrootsCore
import SQLKit

/// What a registry import did, and the rows it left out (only with `skipInvalid`).
public struct RegistryImportResult: Sendable {
    public var summary = ImportSummary()
    /// Each rejected row: its error and its original fields, for the reject file.
    public var rejected: [(error: RowError, fields: [String])] = []
    /// The file's header, for the reject file.
    public var header: [String] = []
}

/// Imports households and residents from CSV mapped by header (English or Chinese column names).
/// Every row is checked before anything is written; one bad row refuses the file unless `skipInvalid`.
public struct RegistryImporter: Sendable {
    let context: StoreContext

    /// Creates the importer.
    public init(_ context: StoreContext) { self.context = context }

    static let placeAliases: [String: [String]] = [
        "grid_code": ["网格代码", "网格编码"], "compound": ["小区", "院落", "小区院落"], "building": ["楼栋"], "room": ["房号", "门牌"],
    ]
    static let householdAliases = placeAliases.merging(["address": ["地址"], "note": ["备注"]]) { a, _ in a }
    static let residentAliases = placeAliases.merging([
        "name": ["姓名"], "sex": ["性别"], "birth_date": ["出生日期"], "id_number": ["身份证号", "公民身份号码"], "phone": ["电话", "手机号"],
        "political_status": ["政治面貌"], "residence_status": ["居住状态"], "categories": ["人员类别", "类别"], "is_head": ["户主", "是否户主"],
    ]) { a, _ in a }

    struct Place: Hashable { let grid: String; let compound: String; let building: String }

    /// Reads the header and records, refusing a file that lacks required columns.
    static func records(_ text: String, aliases: [String: [String]], required: [String]) throws -> (CSVHeader, [String], [CSV.Record]) {
        let records = try CSV.parse(text)
        guard let first = records.first else {
            throw ImportRejected([RowError(line: 1, errors: [FieldError("file", Bilingual("文件为空", "The file is empty"))])])
        }
        let header = CSVHeader(first.fields, aliases: aliases)
        let missing = header.missing(required)
        guard missing.isEmpty else {
            throw ImportRejected([RowError(line: 1, errors: [FieldError("header", Bilingual(
                "表头缺少列：\(missing.joined(separator: ", "))", "The header lacks columns: \(missing.joined(separator: ", "))"))])])
        }
        return (header, first.fields, Array(records.dropFirst()))
    }

    /// Grids by code within the scope, with their paths.
    static func grids(_ codes: Set<String>, scope: Scope, db: any SQLDatabase) async throws -> [String: (id: Int, path: String, depth: Int)] {
        var grids: [String: (Int, String, Int)] = [:]
        for chunk in chunked(Array(codes), size: 500) {
            for row in try await db.select().columns("id", "code", "path", "depth").from("units").where("kind", .equal, SQLBind("grid"))
                .where("code", .in, SQLBind.group(Array(chunk))).within(scope).all() {
                grids[try row.decode(column: "code", as: String.self)] =
                    (try row.decode(column: "id", as: Int.self), try row.decode(column: "path", as: String.self), try row.decode(column: "depth", as: Int.self))
            }
        }
        return grids
    }

    /// Imports households; compounds and buildings named in the file are created under their grid when missing.
    public func importHouseholds(_ text: String, scope: Scope, skipInvalid: Bool = false,
                                 progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> RegistryImportResult {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let (header, headerFields, records) = try Self.records(text, aliases: Self.householdAliases, required: ["grid_code", "compound", "building", "room"])
        let now = context.nowText
        return try await context.database.write { db in
            let grids = try await Self.grids(Set(records.compactMap { header.value("grid_code", in: $0.fields) }), scope: scope, db: db)
            var result = RegistryImportResult()
            result.header = headerFields
            var valid: [(place: Place, input: HouseholdInput, record: CSV.Record)] = []
            var seen: [String: Int] = [:]
            for record in records {
                var v = Validator()
                let grid = header.value("grid_code", in: record.fields) ?? ""
                v.check(grids[grid] != nil, "grid_code", Bilingual("网格代码“\(grid)”不存在或不在您的管辖范围内", "Grid code “\(grid)” does not exist in your scope"))
                let compound = header.value("compound", in: record.fields) ?? "", building = header.value("building", in: record.fields) ?? ""
                v.check(!compound.isEmpty && compound.count <= 100, "compound", Bilingual("小区名称不能为空", "Compound name is required"))
                v.check(!building.isEmpty && building.count <= 100, "building", Bilingual("楼栋名称不能为空", "Building name is required"))
                let input = v.capture {
                    try HouseholdInput(room: header.value("room", in: record.fields) ?? "", address: header.value("address", in: record.fields),
                                       note: header.value("note", in: record.fields)).validated()
                }
                let key = "\(grid)|\(compound)|\(building)|\(input?.room ?? "")"
                if let first = seen[key] { v.fail("room", Bilingual("与第\(first)行是同一户", "Same household as line \(first)")) }
                seen[key] = seen[key] ?? record.line
                if v.errors.isEmpty, let input {
                    valid.append((Place(grid: grid, compound: compound, building: building), input, record))
                } else {
                    result.rejected.append((RowError(line: record.line, errors: v.errors), record.fields))
                }
            }
            if !result.rejected.isEmpty && !skipInvalid { throw ImportRejected(result.rejected.map(\.error)) }
            var places = try await PlaceResolver(grids: grids, db: db, now: now)
            var bulk = BulkWriter(database: context.database, db: db, order: TableColumns.order)
            var existing = Set(try await places.households(Set(valid.map(\.place))).keys)
            for (index, (place, input, record)) in valid.enumerated() {
                let building = try await places.building(place, bulk: &bulk)
                if existing.contains("\(building.id)|\(input.room)") {
                    let error = RowError(line: record.line, errors: [FieldError("room", Bilingual("该户已存在", "This household already exists"))])
                    guard skipInvalid else { throw ImportRejected([error]) }
                    result.rejected.append((error, record.fields))
                    continue
                }
                existing.insert("\(building.id)|\(input.room)")
                let id = try await bulk.ids("households", count: 1)[0]
                try await bulk.add("households", [id, building.id, building.compound, building.grid, building.path,
                                                                                    input.room, input.address, input.note, now, now])
                result.summary.inserted += 1
                if index % 1000 == 999 { progress?(index + 1, valid.count) }
            }
            try await bulk.finish()
            progress?(valid.count, valid.count)
            result.summary.rejected = result.rejected.count
            try await AuditLog.record(db, scope, "import", "households", id: nil, path: scope.path,
                                      detail: "inserted \(result.summary.inserted), rejected \(result.summary.rejected)", now: context.clock())
            return result
        }
    }
}
