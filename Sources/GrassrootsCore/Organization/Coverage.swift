/// Counts that show where the organization chain is missing, for one unit's subtree.
/// The store fills these with set-based SQL; the core turns them into rates and gaps.
public struct CoverageCounts: Sendable, Equatable, Codable {
    public var compounds = 0
    public var compoundsWithoutPartyGroup = 0
    public var compoundsWithoutOwnersCommittee = 0
    public var compoundsWithoutPropertyManager = 0
    /// Compounds with neither a property manager nor an owners' committee (无人管理小区).
    public var unmanagedCompounds = 0
    /// Unmanaged compounds a registered unit adopts today (认领).
    public var unmanagedAdopted = 0
    /// Unmanaged compounds nobody adopts: the gap that remains.
    public var unmanagedNotAdopted = 0
    public var grids = 0
    public var gridsWithoutBranch = 0
    public var gridsWithoutWorker = 0
    public var households = 0
    /// Households in grids where no grid worker or grid leader is responsible.
    public var householdsWithoutStaff = 0
    public var gridWorkers = 0
    public var partyMembers = 0
    public var partyMembersWithoutBranch = 0
    public var newEconomicOrganizations = 0
    public var newEconomicWithoutParty = 0

    /// Creates zeroed counts.
    public init() {}

    /// Households per grid worker; nil when there are no workers at all.
    public var householdsPerWorker: Double? { gridWorkers == 0 ? nil : Double(households) / Double(gridWorkers) }

    /// The share of compounds with a party group, in 0…1; nil when there are no compounds.
    public var compoundPartyCoverage: Double? { Self.share(compounds - compoundsWithoutPartyGroup, of: compounds) }

    /// The share of grids with a branch, in 0…1.
    public var gridBranchCoverage: Double? { Self.share(grids - gridsWithoutBranch, of: grids) }

    /// The share of households some grid staff is responsible for.
    public var householdStaffCoverage: Double? { Self.share(households - householdsWithoutStaff, of: households) }

    /// Adds another subtree's counts, to roll figures up the tree.
    public static func + (a: CoverageCounts, b: CoverageCounts) -> CoverageCounts {
        var r = a
        for key in Self.fields { r[keyPath: key.path] = a[keyPath: key.path] + b[keyPath: key.path] }
        return r
    }

    /// The counted gaps with their labels, in the order a page lists them.
    public static var fields: [(path: WritableKeyPath<CoverageCounts, Int>, key: String, label: Bilingual, isGap: Bool)] { [
        (\.compounds, "compounds", Bilingual("小区/院落", "Compounds"), false),
        (\.compoundsWithoutPartyGroup, "compounds_without_party_group", Bilingual("无党小组的小区", "Compounds without party group"), true),
        (\.compoundsWithoutOwnersCommittee, "compounds_without_owners_committee", Bilingual("无业委会的小区", "Compounds without owners' committee"), true),
        (\.compoundsWithoutPropertyManager, "compounds_without_property_manager", Bilingual("无物业的小区", "Compounds without property manager"), true),
        (\.unmanagedCompounds, "unmanaged_compounds", Bilingual("无人管理小区", "Unmanaged compounds"), true),
        (\.unmanagedAdopted, "unmanaged_adopted", Bilingual("其中已有单位认领", "of which adopted by a unit"), false),
        (\.unmanagedNotAdopted, "unmanaged_not_adopted", Bilingual("其中无单位认领", "of which adopted by none"), true),
        (\.grids, "grids", Bilingual("网格", "Grids"), false),
        (\.gridsWithoutBranch, "grids_without_branch", Bilingual("无党支部的网格", "Grids without party branch"), true),
        (\.gridsWithoutWorker, "grids_without_worker", Bilingual("无网格员的网格", "Grids without grid worker"), true),
        (\.households, "households", Bilingual("户", "Households"), false),
        (\.householdsWithoutStaff, "households_without_staff", Bilingual("无人负责的户", "Households no staff is responsible for"), true),
        (\.gridWorkers, "grid_workers", Bilingual("网格员", "Grid workers"), false),
        (\.partyMembers, "party_members", Bilingual("党员", "Party members"), false),
        (\.partyMembersWithoutBranch, "party_members_without_branch", Bilingual("未编入支部的党员", "Party members in no branch"), true),
        (\.newEconomicOrganizations, "new_economic_organizations", Bilingual("新经济组织", "New economic organizations"), false),
        (\.newEconomicWithoutParty, "new_economic_without_party", Bilingual("未建党组织的新经济组织", "New economic organizations without party organization"), true),
    ] }

    private static func share(_ part: Int, of whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
}
