import Foundation
import GrassrootsCore
import SQLKit

/// Turns community plans into rows and writes them in multi-row inserts (bulk paths must batch).
struct DemoWriter {
    let database: any Database
    let db: any SQLDatabase
    let cipher: PersonalDataCipher
    let now: String
    private var bulk: BulkWriter
    private var residentSequence = 0

    init(database: any Database, db: any SQLDatabase, cipher: PersonalDataCipher, now: String) {
        self.database = database; self.db = db; self.cipher = cipher; self.now = now
        bulk = BulkWriter(database: database, db: db, order: TableColumns.order)
    }

    mutating func ids(_ table: String, count: Int) async throws -> [Int] { try await bulk.ids(table, count: count) }
    mutating func add(_ table: String, _ values: [any Encodable & Sendable]) async throws { try await bulk.add(table, values) }
    mutating func finish() async throws { try await bulk.finish() }

    mutating func organization(_ id: Int, unit: (id: Int, path: String), _ kind: OrganizationKind, _ name: String,
                               leader: String?, members: Int, hasParty: Bool = false) async throws {
        try await add("organizations", [id, unit.id, unit.path, kind.rawValue, name, leader, members, hasParty ? 1 : 0, now])
    }

    /// Party committees of the city and streets, and a few new economic organizations in the city's streets.
    mutating func organizationsAbove(communities: [TerritoryUnit]) async throws {
        let upper = try await db.select().columns(TerritoryUnit.columns).from("units").where("kind", .in, SQLBind.group(["city", "street"]))
            .orderBy("code").all().map(TerritoryUnit.init(row:))
        var rng = SeededRandom(seed: 42)
        let ids = try await ids("organizations", count: upper.count + DemoNames.firms.count)
        for (i, unit) in upper.enumerated() {
            let kind: OrganizationKind = unit.kind == .city ? .cityCommittee : .streetWorkingCommittee
            try await organization(ids[i], unit: (unit.id, unit.path), kind, unit.name + (unit.kind == .city ? "委员会" : "党工委"),
                                   leader: DemoNames.person(&rng), members: rng.int(9...25))
        }
        let streets = upper.filter { $0.kind == .street }
        for (i, firm) in DemoNames.firms.enumerated() {
            let street = streets[i % min(7, streets.count)]
            let kind: OrganizationKind = firm.contains("商圈") ? .businessDistrict : firm.contains("楼宇") || firm.contains("中心") ? .officeBuilding : .internetFirm
            try await organization(ids[upper.count + i], unit: (street.id, street.path), kind, firm, leader: DemoNames.person(&rng),
                                   members: rng.int(20...400), hasParty: i % 2 == 0)
        }
    }

    /// Writes one community's units, organizations, staff, households and residents.
    mutating func write(_ plan: CommunityPlan, rng: inout SeededRandom, summary: inout DemoCity.Summary) async throws {
        let community = plan.community
        var unitIDs = try await ids("units", count: plan.unitCount).makeIterator()
        let compoundTotal = plan.grids.reduce(0) { $0 + $1.compounds.count }
        var orgIDs = try await ids("organizations", count: 2 + plan.grids.count + compoundTotal * 3).makeIterator()
        let householdTotal = plan.grids.reduce(0) { $0 + $1.compounds.reduce(0) { $0 + $1.buildings.reduce(0, +) } }
        var householdIDs = try await ids("households", count: householdTotal).makeIterator()
        let isVillage = DivisionCode.villageKindOf(community.code) == .village
        try await organization(orgIDs.next()!, unit: (community.id, community.path), .communityCommittee,
                               community.name.replacingOccurrences(of: "居民委员会", with: "").replacingOccurrences(of: "村民委员会", with: "") + (isVillage ? "党总支" : "党委"),
                               leader: DemoNames.person(&rng), members: rng.int(30...120))
        try await organization(orgIDs.next()!, unit: (community.id, community.path), .residentsGroup, community.name, leader: DemoNames.person(&rng), members: rng.int(5...9))
        for (g, grid) in plan.grids.enumerated() {
            let gridID = unitIDs.next()!, gridPath = community.path + "\(gridID)/"
            try await add("units", [gridID, community.id, "grid", DivisionCode.grid(community: community.code!, sequence: g + 1),
                                    "第\(g + 1)网格", gridPath, community.depth + 1, now])
            summary.units += 1
            var branch: Int? = nil
            if rng.chance(0.88) {
                branch = orgIDs.next()!
                try await organization(branch!, unit: (gridID, gridPath), .gridBranch, "第\(g + 1)网格党支部", leader: DemoNames.person(&rng), members: rng.int(8...40))
            }
            if rng.chance(0.95) { try await staff(gridID, gridPath, .gridWorker, &rng) }
            if rng.chance(0.96) { try await staff(gridID, gridPath, .gridLeader, &rng) }
            if rng.chance(0.7) { try await staff(gridID, gridPath, .redAreaLeader, &rng) }
            for compound in grid.compounds {
                let compoundID = unitIDs.next()!, compoundPath = gridPath + "\(compoundID)/"
                try await add("units", [compoundID, gridID, "compound", nil as String?, compound.name, compoundPath, community.depth + 2, now])
                summary.units += 1
                let c = (compoundID, compoundPath)
                if rng.chance(0.7) { try await organization(orgIDs.next()!, unit: c, .compoundGroup, compound.name + "党小组", leader: DemoNames.person(&rng), members: rng.int(3...12)) }
                if !isVillage, rng.chance(0.55) { try await organization(orgIDs.next()!, unit: c, .ownersCommittee, compound.name + "业委会", leader: DemoNames.person(&rng), members: rng.int(5...9)) }
                if !isVillage, rng.chance(0.6) { try await organization(orgIDs.next()!, unit: c, .propertyCompany, rng.pick(DemoNames.compoundWords) + "物业服务有限公司", leader: DemoNames.person(&rng), members: rng.int(4...30)) }
                for (b, households) in compound.buildings.enumerated() {
                    let buildingID = unitIDs.next()!, buildingPath = compoundPath + "\(buildingID)/"
                    try await add("units", [buildingID, compoundID, "building", nil as String?, isVillage ? "农户片区" : "\(b + 1)栋", buildingPath, community.depth + 3, now])
                    summary.units += 1
                    if rng.chance(0.5) { try await staff(buildingID, buildingPath, .buildingLeader, &rng) }
                    for h in 0..<households {
                        let householdID = householdIDs.next()!
                        let room = isVillage ? "\(h + 1)号" : "\(h / 4 / 6 + 1)-\(h / 4 % 6 + 1)0\(h % 4 + 1)"
                        try await add("households", [householdID, buildingID, compoundID, gridID, buildingPath, room,
                                                     "\(compound.name)\(isVillage ? "" : "\(b + 1)栋")\(room)", nil as String?, now, now])
                        try await residents(householdID, buildingPath, branch: branch, &rng, &summary)
                        summary.households += 1
                    }
                }
            }
        }
    }

    private mutating func staff(_ unitID: Int, _ path: String, _ role: StaffRole, _ rng: inout SeededRandom) async throws {
        try await add("staff", [unitID, path, role.rawValue, DemoNames.person(&rng), cipher.encrypt(phone(&rng)), now])
    }

    private func phone(_ rng: inout SeededRandom) -> String { "1" + rng.pick(["38", "39", "58", "77", "80", "99"]) + String(format: "%08d", rng.int(0...99_999_999)) }

    private mutating func residents(_ householdID: Int, _ path: String, branch: Int?,
                                    _ rng: inout SeededRandom, _ summary: inout DemoCity.Summary) async throws {
        let count = rng.int(1...4)
        let ids = try await ids("residents", count: count)
        for (i, id) in ids.enumerated() {
            residentSequence += 1
            let year = i == 0 ? rng.int(1940...1995) : rng.int(1950...2020)
            let birth = String(format: "%04d-%02d-%02d", year, rng.int(1...12), rng.int(1...28))
            // Address code and sequence together encode the running number, so every demo identity number is unique.
            let adjusted = IdentityNumber.make(region: String(513401 + residentSequence / 1000), birth: birth, sequence: residentSequence % 1000)
            let political: PoliticalStatus = year < 2003 && rng.chance(0.09) ? .partyMember : year > 1995 && rng.chance(0.2) ? .leagueMember : .masses
            let residence: ResidenceStatus = rng.chance(0.12) ? .livingUnregistered : rng.chance(0.05) ? .registeredAway : .registeredLiving
            try await add("residents", [id, householdID, path, DemoNames.person(&rng), adjusted.sex.rawValue, adjusted.birthDateText,
                                        cipher.encrypt(adjusted.value), cipher.lookupHash(adjusted.value), rng.chance(0.8) ? cipher.encrypt(phone(&rng)) : nil,
                                        political.rawValue, residence.rawValue, political.isParty && rng.chance(0.93) ? branch : nil,
                                        i == 0 ? 1 : 0, now, now])
            if year < 1955, rng.chance(0.3) { try await add("resident_category_links", [id, "elderly_alone"]) }
            if residence == .livingUnregistered { try await add("resident_category_links", [id, "floating"]) }
            if rng.chance(0.03) { try await add("resident_category_links", [id, rng.pick(["disabled", "low_income", "key_care", "veteran"])]) }
            summary.residents += 1
        }
    }
}
