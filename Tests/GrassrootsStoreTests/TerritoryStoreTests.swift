import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Testing

@Suite struct TerritoryStoreTests {
    @Test(arguments: Fixtures.engines)
    func demoCityIsConsistentAndCoverageMatchesHandWrittenSQL(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        for check in try await Verifier(context).run() { #expect(check.violations == 0, "\(check.name)") }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'street'") == 25)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'community'") == 174)
        let root = try await UnitStore(context).root(of: .system)
        // Something on the unit itself, not below it: the report must count it too.
        _ = try await OrganizationStore(context).addOrganization(unitID: root.id, kind: .internetFirm, name: "市级互联网企业", leaderName: nil,
                                                                 memberCount: 30, scope: .system)
        let report = try await CoverageStore(context).report(unitID: root.id, scope: .system)
        #expect(report.counts.newEconomicOrganizations == (try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM organizations WHERE kind IN ('business_district', 'office_building', 'internet_firm')
            """)))
        #expect(report.counts.newEconomicWithoutParty == report.children.map(\.counts.newEconomicWithoutParty).reduce(1, +))
        #expect(report.counts.households == (try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households")))
        #expect(report.counts.compoundsWithoutPartyGroup == (try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM units c WHERE c.kind = 'compound'
            AND c.id NOT IN (SELECT unit_id FROM organizations WHERE kind = 'compound_group')
            """)))
        #expect(report.counts.unmanagedCompounds == (try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM units c WHERE c.kind = 'compound'
            AND c.id NOT IN (SELECT unit_id FROM organizations WHERE kind IN ('property_company', 'owners_committee'))
            """)))
        #expect(report.counts.householdsWithoutStaff == (try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM households h WHERE h.grid_id NOT IN (SELECT unit_id FROM staff WHERE role IN ('grid_worker', 'grid_leader'))
            """)))
        #expect(report.children.count == 25)
    }

    @Test(arguments: Fixtures.engines)
    func divisionImportRejectsBadRowsAndWritesNothing(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let bad = "code,name,level,parent_code\n513401000000,西昌市,3,513400000000\n5134010010,短代码,4,513401000000\n513401001000,,4,513401000000\n"
        let error = try await #require(throws: ImportRejected.self) { try await DivisionImporter(context).importCSV(bad, scope: .system, roots: true) }
        #expect(error.rows.map(\.line) == [3, 4])
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units") == 0)
    }

    @Test(arguments: Fixtures.engines)
    func realXichangFileImportsAndReimportIsIdempotent(engine: Engine) async throws {
        let context = try await Fixtures.empty(engine)
        defer { Task { try? await context.database.close() } }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../data/xichang-513401-divisions-2021.csv")
        let text = try CSV.decode(try Data(contentsOf: file))
        #expect(text.split(whereSeparator: \.isNewline) == XichangDivisions.csv.split(whereSeparator: \.isNewline))
        // The file's first row names 凉山州, which the system does not hold: refused unless it is a root on purpose.
        let orphan = try await #require(throws: ImportRejected.self) { try await DivisionImporter(context).importCSV(text, scope: .system) }
        #expect(orphan.rows.map(\.line) == [2])
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units") == 0)
        let first = try await DivisionImporter(context).importCSV(text, scope: .system, roots: true)
        #expect(first.inserted == 200)
        #expect(first.kinds.map { "\($0.label.zh) \($0.count)" } == ["县市区 1", "街道 7", "镇 11", "乡 7", "社区 45", "村 129"])
        let again = try await DivisionImporter(context).importCSV(text, scope: .system)
        #expect(again.inserted == 0 && again.updated == 200)
        #expect(again.kinds.map(\.count) == first.kinds.map(\.count), "the kinds the file holds, new or not")
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        #expect(street.name == "北城街道" && street.kind == .street)
    }

    @Test(arguments: Fixtures.engines)
    func scopeIsEnforcedInSQL(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let worker = try await Fixtures.scope(context, code: "513401001003001", role: .gridWorker)
        let otherGrid = try await UnitStore(context).unit(code: "513401001005001", scope: .system)
        await #expect(throws: StoreError.self) { try await UnitStore(context).unit(otherGrid.id, scope: worker) }
        let foreignHousehold = try await Fixtures.count(context, "SELECT MIN(id) AS n FROM households WHERE grid_id = \(otherGrid.id)")
        await #expect(throws: StoreError.self) { try await HouseholdStore(context).household(foreignHousehold, scope: worker) }
        let hits = try await SearchStore(context).search("王", scope: worker)
        let ownGrid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        for hit in hits {
            let household = try await HouseholdStore(context).household(hit.householdID, scope: .system)
            #expect(household.gridID == ownGrid.id)
        }
        let auditor = try await Fixtures.scope(context, code: "513401000000", role: .auditor)
        await #expect(throws: AccessDenied.self) {
            try await HouseholdStore(context).update(foreignHousehold, HouseholdInput(room: "1"), scope: auditor)
        }
    }
}
