import Foundation
import GrassrootsCore
import SQLKit

extension RegistryImporter {
    struct ResidentRow {
        let draft: ResidentDraft; let household: Int; let path: String; let record: CSV.Record
        /// The identity number's lookup hash, computed once for the duplicate check and the insert.
        var hash: String? = nil
    }

    /// Imports residents into existing households, named by grid code, compound, building and room.
    /// Identity numbers must be new to the registry and unique within the file.
    public func importResidents(_ text: String, scope: Scope, skipInvalid: Bool = false,
                                progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> RegistryImportResult {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let (header, headerFields, records) = try Self.records(text, aliases: Self.residentAliases,
                                                               required: ["grid_code", "compound", "building", "room", "name"])
        let now = context.nowText, cipher = context.cipher
        return try await context.database.write { db in
            var result = RegistryImportResult()
            result.header = headerFields
            let known = Set(try await ResidentStore.categories(db).map(\.code))
            let grids = try await Self.grids(Set(records.compactMap { header.value("grid_code", in: $0.fields) }), scope: scope, db: db)
            let places = try await PlaceResolver(grids: grids, db: db, now: now)
            func place(_ r: CSV.Record) -> Place {
                Place(grid: header.value("grid_code", in: r.fields) ?? "", compound: header.value("compound", in: r.fields) ?? "",
                      building: header.value("building", in: r.fields) ?? "")
            }
            let households = try await places.households(Set(records.map(place)))
            var rows: [ResidentRow] = []
            for record in records {
                let value = { (name: String) in header.value(name, in: record.fields) }
                var v = Validator()
                let building = places.existingBuilding(place(record))
                let household = building.flatMap { households["\($0.id)|\(value("room") ?? "")"] }
                v.check(household != nil, "room", Bilingual("找不到该户：请先导入住户（网格代码、小区、楼栋、房号须一致）",
                                                         "No such household in your scope: import households first (grid code, compound, building and room must match)"))
                let head = value("is_head").map { ["1", "true", "yes", "是", "户主"].contains($0.lowercased()) } ?? false
                let input = ResidentInput(name: value("name") ?? "", sex: value("sex"), birthDate: value("birth_date"), idNumber: value("id_number"),
                                          phone: value("phone"), politicalStatus: value("political_status"), residenceStatus: value("residence_status"),
                                          categories: (value("categories") ?? "").split(whereSeparator: { ";；、|".contains($0) }).map(String.init), isHead: head)
                let draft = v.capture { try ResidentDraft(input, knownCategories: known) }
                if v.errors.isEmpty, let draft, let household, let building {
                    rows.append(ResidentRow(draft: draft, household: household, path: building.path, record: record))
                } else {
                    result.rejected.append((RowError(line: record.line, errors: v.errors), record.fields))
                }
            }
            rows = try await Self.rejectDuplicateIdentities(rows, cipher: cipher, db: db, into: &result)
            result.rejected.sort { $0.error.line < $1.error.line }
            if !result.rejected.isEmpty && !skipInvalid { throw ImportRejected(result.rejected.map(\.error)) }
            var bulk = BulkWriter(database: context.database, db: db, order: TableColumns.order)
            let ids = try await bulk.ids("residents", count: rows.count)
            var heads: [(household: Int, resident: Int)] = []
            for (index, (row, id)) in zip(rows, ids).enumerated() {
                let d = row.draft
                try await bulk.add("residents", [
                    id, row.household, row.path, d.name, d.sex?.rawValue, d.birthDate, d.idNumber.map { cipher.encrypt($0.value) },
                    row.hash, d.phone.map(cipher.encrypt), d.politicalStatus.rawValue,
                    d.residenceStatus.rawValue, nil as Int?, d.isHead ? 1 : 0, now, now])
                for code in d.categories { try await bulk.add("resident_category_links", [id, code]) }
                if d.isHead { heads.append((row.household, id)) }
                if index % 5000 == 4999 { progress?(index + 1, rows.count) }
            }
            try await bulk.finish()
            // A household has one head: the last one named in the file wins over earlier and existing ones.
            // Set-based, a few hundred households a statement: one UPDATE per household would dominate the import.
            var lastHead: [Int: Int] = [:]
            for (household, resident) in heads { lastHead[household] = resident }
            for chunk in chunked(Array(lastHead), size: 400) {
                try await db.update("residents").set("is_head", to: SQLBind(0))
                    .where("household_id", .in, SQLBind.group(chunk.map(\.key))).where("id", .notIn, SQLBind.group(chunk.map(\.value))).run()
            }
            progress?(rows.count, rows.count)
            result.summary.inserted = rows.count
            result.summary.rejected = result.rejected.count
            try await AuditLog.record(db, scope, "import", "residents", id: nil, path: scope.path,
                                      detail: "inserted \(result.summary.inserted), rejected \(result.summary.rejected)", now: context.clock())
            return result
        }
    }

    /// Drops rows whose identity number repeats an earlier row or one already registered, recording why.
    static func rejectDuplicateIdentities(_ rows: [ResidentRow], cipher: PersonalDataCipher, db: any SQLDatabase,
                                          into result: inout RegistryImportResult) async throws -> [ResidentRow] {
        let rows = rows.map { row in var row = row; row.hash = row.draft.idNumber.map { cipher.lookupHash($0.value) }; return row }
        let hashes = rows.map(\.hash)
        var registered = Set<String>()
        for chunk in chunked(hashes.compactMap { $0 }, size: 500) {
            for row in try await db.select().column("id_number_hash").from("residents").where("id_number_hash", .in, SQLBind.group(Array(chunk))).all() {
                registered.insert(try row.decode(column: "id_number_hash", as: String.self))
            }
        }
        var firstLine: [String: Int] = [:], kept: [ResidentRow] = []
        for (row, hash) in zip(rows, hashes) {
            var problem: Bilingual? = nil
            if let hash, registered.contains(hash) {
                problem = Bilingual("该身份证号已登记在另一位居民名下", "This identity number is already registered to another resident")
            } else if let hash, let first = firstLine[hash] {
                problem = Bilingual("身份证号与第\(first)行重复", "The identity number repeats line \(first)")
            }
            if let hash, firstLine[hash] == nil { firstLine[hash] = row.record.line }
            if let problem {
                result.rejected.append((RowError(line: row.record.line, errors: [FieldError("id_number", problem)]), row.record.fields))
            } else {
                kept.append(row)
            }
        }
        return kept
    }
}
