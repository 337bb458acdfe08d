import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// The division importer against the statistics bureau's code standard: every tier and kind, orphans, bad lines,
/// and files read from disk in pieces, on both engines.
struct DivisionImportTests {
    /// One of each tier and kind the standard has, each row naming its parent, parents first as published.
    static let standard: [(code: String, name: String, level: Int, parent: String)] = [
        ("520000000000", "贵州省", 1, ""),
        ("520100000000", "贵阳市", 2, "520000000000"),
        ("520102000000", "南明区", 3, "520100000000"),
        ("529001000000", "省直辖县", 3, "520000000000"),          // a county straight under its province
        ("520102001000", "新华路街道", 4, "520102000000"),        // 001–099 街道
        ("520102101000", "云关镇", 4, "520102000000"),            // 100–199 镇
        ("520102201000", "小碧乡", 4, "520102000000"),            // 200–399 乡
        ("520102401000", "经济开发区", 4, "520102000000"),        // 400–599 other township-level units
        ("520102599000", "国有林场", 4, "520102000000"),
        ("520102001001", "富水社区", 5, "520102001000"),          // 001–199 社区
        ("520102001199", "新华社区", 5, "520102001000"),
        ("520102101200", "云关村", 5, "520102101000"),            // 200–399 村
        ("520102201399", "小碧村", 5, "520102201000"),
        ("520102401400", "开发区虚拟社区", 5, "520102401000"),    // 400–499 虚拟社区
        ("520102401499", "园区虚拟社区", 5, "520102401000"),
        ("520102599500", "林场虚拟生活区", 5, "520102599000"),    // 500–599 虚拟生活区
        ("520102599599", "苗圃虚拟生活区", 5, "520102599000"),
        ("529001100000", "直辖县镇", 4, "529001000000"),
        ("529001100201", "直辖县村", 5, "529001100000"),
    ]

    static func csv(_ rows: [(code: String, name: String, level: Int, parent: String)]) -> String {
        "code,name,level,parent_code\n" + rows.map { "\($0.code),\($0.name),\($0.level),\($0.parent)\n" }.joined()
    }

    /// Each stored unit's code with its parent's code, to compare with the file.
    static func tree(_ context: StoreContext) async throws -> [String: String] {
        try await context.database.read { db in
            var tree: [String: String] = [:]
            for row in try await db.raw("SELECT c.code AS code, COALESCE(p.code, '') AS parent FROM units c LEFT JOIN units p ON p.id = c.parent_id").all() {
                tree[try row.decode(column: "code", as: String.self)] = try row.decode(column: "parent", as: String.self)
            }
            return tree
        }
    }

    @Test(arguments: Fixtures.engines)
    func everyTierAndKindOfTheStandardImports(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let summary = try await DivisionImporter(context).importCSV(Self.csv(Self.standard), scope: .system)
        #expect(summary.inserted == Self.standard.count && summary.updated == 0)
        #expect(summary.kinds.map { "\($0.label.zh) \($0.count)" } == [
            "省 1", "市州 1", "县市区 2", "街道 1", "镇 2", "乡 1", "其他乡级单位 2", "社区 2", "村 3", "虚拟社区 2", "虚拟生活区 2"])
        #expect(try await Self.tree(context) == Dictionary(uniqueKeysWithValues: Self.standard.map { ($0.code, $0.parent) }))
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
        let kinds = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'community' AND code LIKE '520102%'")
        #expect(kinds == 8)
    }

    @Test(arguments: Fixtures.engines)
    func childrenBeforeTheirParentsWaitForThem(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let summary = try await DivisionImporter(context).importCSV(Self.csv(Self.standard.reversed()), scope: .system)
        #expect(summary.inserted == Self.standard.count)
        #expect(try await Self.tree(context) == Dictionary(uniqueKeysWithValues: Self.standard.map { ($0.code, $0.parent) }))
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
    }

    @Test(arguments: Fixtures.engines)
    func orphansAreRefusedUnlessTheTopRowsAreRootsOnPurpose(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let county = Array(Self.standard[2...]).filter { $0.code.hasPrefix("520102") }
        let refused = try await #require(throws: ImportRejected.self) {
            try await DivisionImporter(context).importCSV(Self.csv(county), scope: .system)
        }
        #expect(refused.rows.map(\.line) == [2])
        #expect(refused.rows[0].errors[0].message.zh.contains("520100000000 既不在文件中也不在系统中"))
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units") == 0)

        // A village whose township is missing is an orphan too, and --roots does not make it a root: it is not top.
        let gap = county.filter { $0.code != "520102101000" }
        let stillRefused = try await #require(throws: ImportRejected.self) {
            try await DivisionImporter(context).importCSV(Self.csv(gap), scope: .system, roots: true)
        }
        #expect(stillRefused.rows.map(\.line) == [gap.firstIndex { $0.code == "520102101200" }! + 2])
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units") == 0)

        let rooted = try await DivisionImporter(context).importCSV(Self.csv(county), scope: .system, roots: true)
        #expect(rooted.inserted == county.count)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE parent_id IS NULL") == 1)
        // A later file of one new community finds its street in the system.
        let more = try await DivisionImporter(context).importCSV(Self.csv([("520102001002", "新社区", 5, "520102001000")]), scope: .system)
        #expect(more.inserted == 1)
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
    }

    @Test(arguments: Fixtures.engines)
    func everyBadLineIsListedAndNothingIsWritten(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let text = Self.csv(Self.standard) + """
            520102001001,重复社区,5,520102001000
            520102600000,越界乡级,4,520102000000
            520102102000,,4,520102000000
            520102102201,无名镇下的村,5,520102102000
            520102001600,越界村级,5,520102001000
            529002000000,挂在社区下的县,3,520102001001
            520103000000,缺上级的区,3,520199000000

            """
        let error = try await #require(throws: ImportRejected.self) { try await DivisionImporter(context).importCSV(text, scope: .system) }
        let first = Self.standard.count + 2
        // The village under the nameless township (line +3) is not listed: its parent's line is the one to fix.
        #expect(error.rows.map(\.line) == [first, first + 1, first + 2, first + 4, first + 5, first + 6])
        #expect(error.rows[0].errors[0].message.zh == "代码 520102001001 与第11行重复")
        #expect(error.rows[1].errors[0].message.en.contains("001–599"))
        #expect(error.rows[4].errors[0].message.zh == "上级代码 520102001001 不是比县市区高一级的单位")
        #expect(error.rows[5].errors[0].field == "parent_code")
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units") == 0)
    }

    @Test(arguments: Fixtures.engines)
    func anEmptyFileAHeaderWithoutItsColumnsAndMixedEncodingsAreRefused(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-divisions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try await #require(throws: ImportRejected.self) { try await DivisionImporter(context).importCSV("", scope: .system) }
        #expect(empty.rows.map(\.line) == [1] && empty.rows[0].errors[0].message.zh == "文件为空")
        let header = try await #require(throws: ImportRejected.self) {
            try await DivisionImporter(context).importCSV("code,名称\n520000000000,贵州省\n", scope: .system)
        }
        #expect(header.rows[0].errors[0].message.en == "The header lacks columns: level")
        // UTF-8 Chinese in the first 4 KB piece, then a GB18030 row: neither encoding reads the whole file.
        let mixed = dir.appendingPathComponent("mixed.csv")
        let blankLines = String(repeating: "\n", count: 5000)  // skipped as records; they push the last row into a later piece
        try (Data((Self.csv(Self.standard) + blankLines).utf8)
             + Data(try #require("520102001002,新社区,5,520102001000\n".data(using: CSV.gb18030)))).write(to: mixed)
        let error = try await #require(throws: ValidationError.self) {
            try await DivisionImporter(context).importCSV(.file(mixed.path, pieceSize: 4096), scope: .system)
        }
        #expect(error.errors == [CSV.unknownEncoding])
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units") == 0)
    }

    @Test(arguments: Fixtures.engines)
    func aFileReadInPiecesImportsFromDiskInEitherEncoding(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        // 4 towns of 599 villages, about 130 KB, read in pieces of 4 KB: rows and characters span the cuts.
        var rows: [(code: String, name: String, level: Int, parent: String)] = [("520000000000", "省", 1, ""), ("520100000000", "市", 2, "520000000000"), ("520102000000", "区", 3, "520100000000")]
        for t in 100..<104 {
            rows.append(("520102\(t)000", "第\(t)镇", 4, "520102000000"))
            for v in 1...599 { rows.append((String(format: "520102%03d%03d", t, v), "“\(t)镇”第\(v)村委会", 5, "520102\(t)000")) }
        }
        let text = Self.csv(rows)
        #expect(text.utf8.count > 30 * 4096)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-divisions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let utf8 = dir.appendingPathComponent("utf8.csv"), gb = dir.appendingPathComponent("gb18030.csv")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: utf8)
        try #require(text.data(using: CSV.gb18030)).write(to: gb)

        let first = try await DivisionImporter(context).importCSV(.file(utf8.path, pieceSize: 4096), scope: .system)
        #expect(first.inserted == rows.count)
        let again = try await DivisionImporter(context).importCSV(.file(gb.path, pieceSize: 4096), scope: .system)
        #expect(again.inserted == 0 && again.updated == rows.count)
        let name = try await UnitStore(context).unit(code: "520102103599", scope: .system).name
        #expect(name == "“103镇”第599村委会")
        await #expect(throws: ValidationError.self) {
            try await DivisionImporter(context).importCSV(.file(dir.appendingPathComponent("missing.csv").path), scope: .system)
        }
    }
}
