import Foundation
import GrassrootsCore
import SQLKit

/// Builds the demo city: the real streets and communities of 西昌市 plus generated grids, compounds,
/// buildings, households, residents, organizations, staff and accounts. Deterministic for a given scale.
public struct DemoCity: Sendable {
    let context: StoreContext

    /// The demo accounts (username, role, scope description); all share `password`.
    public static let password = "demo-2026"
    public static let accounts: [(username: String, name: String, role: Role, scope: String)] = [
        ("admin", "市级管理员", .cityAdmin, "513401000000"),
        ("beicheng", "北城街道管理员", .streetAdmin, "513401001000"),
        ("datongmen", "大通门社区工作者", .communityStaff, "513401001003"),
        ("gege", "大通门一网格网格员", .gridWorker, "513401001003001"),
        ("auditor", "审计员", .auditor, "513401000000"),
        ("minjing", "城管执法队员", .departmentOfficer, "513401000000"),
        ("lianluo", "报到单位联络员", .unitLiaison, "513401001003"),
        ("dangyuan", "在职党员", .partyMember, "513401001003"),
        ("jumin", "大通门居民", .resident, "513401001003"),
    ]

    /// Creates the generator.
    public init(_ context: StoreContext) { self.context = context }

    /// What was generated.
    public struct Summary: Sendable { public var units = 0, households = 0, residents = 0 }

    /// True when the database already holds a territory (the demo then is not generated again).
    public func isPresent() async throws -> Bool {
        try await context.database.read { db in try await db.select().column("id").from("units").limit(1).first() != nil }
    }

    /// Generates about `households` households across the city, reporting progress per community.
    public func build(households target: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Summary {
        guard (1_000...2_000_000).contains(target) else {
            throw ValidationError("scale", Bilingual("规模应在1000到2000000户之间", "Scale must be between 1,000 and 2,000,000 households"))
        }
        // The file names its prefecture, 凉山州, which the demo does not hold: 西昌市 is a root on purpose.
        _ = try await DivisionImporter(context).importCSV(XichangDivisions.csv, scope: .system, roots: true)
        let summary = try await context.database.write { db in
            let communities = try await db.select().columns(TerritoryUnit.columns).from("units").where("kind", .equal, SQLBind("community"))
                .orderBy("code").all().map(TerritoryUnit.init(row:))
            var writer = DemoWriter(database: context.database, db: db, cipher: context.cipher, now: context.nowText)
            try await writer.organizationsAbove(communities: communities)
            let weights = communities.map { DivisionCode.villageKindOf($0.code) == .community ? 3.0 : 1.0 }
            let total = weights.reduce(0, +)
            var summary = Summary()
            for (index, community) in communities.enumerated() {
                var rng = SeededRandom(seed: UInt64(index + 1) &* 7919)
                let households = max(20, Int((Double(target) * weights[index] / total).rounded()))
                let plan = CommunityPlan(community: community, households: households, rng: &rng)
                try await writer.write(plan, rng: &rng, summary: &summary)
                progress?(index + 1, communities.count)
            }
            try await writer.finish()
            try await createAccounts(db)
            return summary
        }
        try await DemoDirective(context: context).build()
        try await DemoCoordination(context: context).build()
        try await DemoCadres(context: context).build()
        try await DemoServices(context: context).build()
        try await DemoCouncil(context: context).build()
        try await DemoParticipation(context: context).build()
        try await DemoEmergency(context: context).build()
        return summary
    }

    private func createAccounts(_ db: any SQLDatabase) async throws {
        let hash = HashedPassword.make(Self.password)
        for account in Self.accounts {
            guard let unit = try await db.select().column("id").from("units").where("code", .equal, SQLBind(account.scope)).first() else { continue }
            try await db.insert(into: "accounts").columns("username", "display_name", "password_hash", "role", "scope_unit_id", "created_at")
                .values(SQLBind(account.username), SQLBind(account.name), SQLBind(hash), SQLBind(account.role.rawValue),
                        SQLBind(try unit.decode(column: "id", as: Int.self)), SQLBind(context.nowText)).run()
        }
    }
}

/// The shape of one community: grids of compounds of buildings, with households per building.
struct CommunityPlan {
    struct Grid { var compounds: [Compound] }
    struct Compound { var name: String; var buildings: [Int] }

    let community: TerritoryUnit
    var grids: [Grid] = []

    init(community: TerritoryUnit, households: Int, rng: inout SeededRandom) {
        self.community = community
        let isVillage = DivisionCode.villageKindOf(community.code) == .village
        let gridCount = max(1, Int((Double(households) / 250).rounded()))
        var remaining = households
        for g in 0..<gridCount {
            let share = remaining / (gridCount - g)
            remaining -= share
            let compoundCount = rng.int(2...4)
            var compounds: [Compound] = []
            var left = share
            for c in 0..<compoundCount {
                let inCompound = left / (compoundCount - c)
                left -= inCompound
                let buildingCount = isVillage ? 1 : rng.int(1...4)
                let name = isVillage ? DemoNames.villageGroups[(g * 4 + c) % DemoNames.villageGroups.count] + (g * 4 + c >= 8 ? "\(g * 4 + c)" : "")
                    : rng.pick(DemoNames.compoundWords) + rng.pick(DemoNames.compoundSuffixes)
                var buildings: [Int] = []
                var rest = inCompound
                for b in 0..<buildingCount { let n = rest / (buildingCount - b); rest -= n; buildings.append(n) }
                compounds.append(Compound(name: name, buildings: buildings))
            }
            grids.append(Grid(compounds: compounds))
        }
    }

    var unitCount: Int { grids.reduce(0) { $0 + 1 + $1.compounds.reduce(0) { $0 + 1 + $1.buildings.count } } }
}

extension DivisionCode {
    /// The village tier kind of a stored code, or nil when there is none.
    static func villageKindOf(_ code: String?) -> VillageKind? {
        guard let code, let parsed = try? DivisionCode(code, kind: .community) else { return nil }
        return parsed.villageKind
    }
}
