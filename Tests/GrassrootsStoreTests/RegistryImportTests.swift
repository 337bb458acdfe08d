import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Testing

@Suite struct RegistryImportTests {
    static let grid = "513401001003001"
    static func id(_ sequence: Int) -> String { IdentityNumber.make(region: "510104", birth: "1970-03-0\(sequence % 9 + 1)", sequence: sequence).value }

    func count(_ context: StoreContext, _ table: String) async throws -> Int {
        try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM \(table)")
    }

    @Test(arguments: Fixtures.engines)
    func householdsCreateCompoundsAndBuildingsAndBadRowsRefuseTheFile(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let importer = RegistryImporter(context)
        let units = try await count(context, "units"), households = try await count(context, "households")
        let bad = """
            网格代码,小区,楼栋,房号,地址
            \(Self.grid),新建小区,1栋,1-101,新建小区1栋1-101
            999999999999001,新建小区,1栋,1-102,
            \(Self.grid),,1栋,1-103,
            \(Self.grid),新建小区,1栋,1-101,重复
            """
        let error = try await #require(throws: ImportRejected.self) { try await importer.importHouseholds(bad, scope: .system) }
        #expect(error.rows.map(\.line) == [3, 4, 5])
        #expect(try await count(context, "units") == units)
        #expect(try await count(context, "households") == households)

        let partial = try await importer.importHouseholds(bad, scope: .system, skipInvalid: true)
        #expect(partial.summary.inserted == 1 && partial.rejected.map(\.error.line) == [3, 4, 5])
        #expect(try await count(context, "units") == units + 2)
        #expect(try await count(context, "households") == households + 1)
        for check in try await Verifier(context).run() { #expect(check.violations == 0, "\(check.name)") }

        // The same household again is refused: it exists now.
        let again = try await #require(throws: ImportRejected.self) {
            try await importer.importHouseholds("grid_code,compound,building,room\n\(Self.grid),新建小区,1栋,1-101\n", scope: .system)
        }
        #expect(again.rows.first?.line == 2)
    }

    @Test(arguments: Fixtures.engines)
    func householdsOutsideTheScopeAreRejected(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: "513401002001", role: .communityStaff)
        let error = try await #require(throws: ImportRejected.self) {
            try await RegistryImporter(context).importHouseholds("grid_code,compound,building,room\n\(Self.grid),甲,1栋,101\n", scope: scope)
        }
        #expect(error.rows.first?.errors.first?.field == "grid_code")
    }

    @Test(arguments: Fixtures.engines)
    func residentsFromGB18030WithDuplicatesAndHeads(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let importer = RegistryImporter(context)
        _ = try await importer.importHouseholds("grid_code,compound,building,room\n\(Self.grid),导入小区,2栋,201\n", scope: .system)
        let csv = """
            网格代码,小区,楼栋,房号,姓名,身份证号,电话,政治面貌,人员类别,户主
            \(Self.grid),导入小区,2栋,201,张三,\(Self.id(1)),13800001111,中共党员,低保户的代码不对,是
            \(Self.grid),导入小区,2栋,201,李四,\(Self.id(2)),,群众,disabled;elderly_alone,是
            \(Self.grid),导入小区,2栋,201,王五,\(Self.id(2)),,,,
            \(Self.grid),导入小区,2栋,999,赵六,,,,,
            """
        let data = try #require(csv.data(using: CSV.gb18030))
        let text = try CSV.decode(data)
        let before = try await count(context, "residents")
        let error = try await #require(throws: ImportRejected.self) { try await importer.importResidents(text, scope: .system) }
        #expect(error.rows.map(\.line) == [2, 4, 5])
        #expect(try await count(context, "residents") == before)

        let fixed = text.replacingOccurrences(of: "低保户的代码不对", with: "low_income")
        let result = try await importer.importResidents(fixed, scope: .system, skipInvalid: true)
        #expect(result.summary.inserted == 2 && result.rejected.map(\.error.line) == [4, 5])
        let heads = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.room = '201' AND r.is_head = 1
              AND h.compound_id IN (SELECT id FROM units WHERE name = '导入小区')
            """)
        #expect(heads == 1)
        let hit = try await SearchStore(context).find(identityNumber: Self.id(2), scope: .system)
        #expect(hit.map(\.title) == ["李四"])
        #expect(try await count(context, "resident_category_links WHERE category_code IN ('disabled', 'elderly_alone', 'low_income') AND resident_id IN (SELECT id FROM residents WHERE name IN ('张三', '李四'))") == 3)
    }

    @Test(arguments: Fixtures.engines)
    func aFileWithoutTheRequiredColumnsIsRefusedAtTheHeader(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let error = try await #require(throws: ImportRejected.self) {
            try await RegistryImporter(context).importResidents("name,phone\n张三,13800001111\n", scope: .system)
        }
        #expect(error.rows.first?.line == 1 && error.rows.first?.errors.first?.field == "header")
    }
}
