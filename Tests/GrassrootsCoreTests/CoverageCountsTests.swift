import Testing
@testable import GrassrootsCore

struct CoverageCountsTests {
    @Test("fields lists every stored count exactly once")
    func fieldsCoverEveryProperty() {
        var counts = CoverageCounts()
        for (i, field) in CoverageCounts.fields.enumerated() { counts[keyPath: field.path] = i + 1 }
        let stored = Mirror(reflecting: counts).children.compactMap { $0.value as? Int }
        #expect(stored.count == CoverageCounts.fields.count)
        #expect(stored.sorted() == Array(1...CoverageCounts.fields.count))
        #expect(CoverageCounts.fields.count == 17)
        #expect(Set(CoverageCounts.fields.map { $0.key }).count == CoverageCounts.fields.count)
    }

    @Test("+ adds every field")
    func plusAddsEveryField() {
        var a = CoverageCounts(), b = CoverageCounts()
        for (i, field) in CoverageCounts.fields.enumerated() {
            a[keyPath: field.path] = i + 1
            b[keyPath: field.path] = 100 * (i + 1)
        }
        let sum = a + b
        for (i, field) in CoverageCounts.fields.enumerated() {
            #expect(sum[keyPath: field.path] == 101 * (i + 1), "\(field.key)")
        }
        // And through the stored properties themselves, not only the key paths.
        let stored = Mirror(reflecting: sum).children.compactMap { $0.value as? Int }
        #expect(stored.sorted() == (1...17).map { 101 * $0 })
    }

    @Test("+ on named fields, and zero is the identity")
    func plusNamed() {
        var a = CoverageCounts()
        a.households = 10; a.gridWorkers = 1; a.unmanagedCompounds = 2; a.newEconomicWithoutParty = 3
        var b = CoverageCounts()
        b.households = 5; b.gridWorkers = 2; b.partyMembersWithoutBranch = 4; b.newEconomicWithoutParty = 1
        let sum = a + b
        #expect(sum.households == 15)
        #expect(sum.gridWorkers == 3)
        #expect(sum.unmanagedCompounds == 2)
        #expect(sum.partyMembersWithoutBranch == 4)
        #expect(sum.newEconomicWithoutParty == 4)
        #expect(sum.compounds == 0)
        #expect(a + CoverageCounts() == a)
        #expect(CoverageCounts() + b == b)
        #expect(a + b == b + a)
    }

    @Test("Shares and households per worker are nil when their denominator is zero")
    func nilWhenZero() {
        let zero = CoverageCounts()
        #expect(zero.compoundPartyCoverage == nil)
        #expect(zero.gridBranchCoverage == nil)
        #expect(zero.householdStaffCoverage == nil)
        #expect(zero.householdsPerWorker == nil)

        var householdsOnly = CoverageCounts()
        householdsOnly.households = 40
        #expect(householdsOnly.householdsPerWorker == nil)
        #expect(householdsOnly.compoundPartyCoverage == nil)
        #expect(householdsOnly.householdStaffCoverage == 1.0)
    }

    @Test("Shares are covered over total")
    func shares() {
        var c = CoverageCounts()
        c.compounds = 4; c.compoundsWithoutPartyGroup = 1
        c.grids = 8; c.gridsWithoutBranch = 8
        c.households = 10; c.householdsWithoutStaff = 5
        #expect(c.compoundPartyCoverage == 0.75)
        #expect(c.gridBranchCoverage == 0.0)
        #expect(c.householdStaffCoverage == 0.5)
    }

    @Test("householdsPerWorker divides households by grid workers")
    func householdsPerWorker() {
        var c = CoverageCounts()
        c.households = 250; c.gridWorkers = 2
        #expect(c.householdsPerWorker == 125.0)
        c.households = 7
        #expect(c.householdsPerWorker == 3.5)
        c.households = 0
        #expect(c.householdsPerWorker == 0.0)
    }

    @Test("Totals are not gaps; the without/unmanaged counts are")
    func gapFlags() {
        let gaps = Dictionary(uniqueKeysWithValues: CoverageCounts.fields.map { ($0.key, $0.isGap) })
        #expect(gaps["compounds"] == false)
        #expect(gaps["households"] == false)
        #expect(gaps["grid_workers"] == false)
        #expect(gaps["unmanaged_compounds"] == true)
        #expect(gaps["households_without_staff"] == true)
        for field in CoverageCounts.fields where field.key.contains("without") {
            #expect(field.isGap, "\(field.key)")
        }
    }
}
