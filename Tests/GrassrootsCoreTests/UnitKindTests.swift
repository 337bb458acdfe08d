import Testing
@testable import GrassrootsCore

struct UnitKindTests {
    @Test("Tiers are ordered top to bottom")
    func ordering() {
        let expected: [UnitKind] = [.province, .prefecture, .city, .street, .community, .grid, .compound, .building]
        #expect(UnitKind.allCases == expected)
        #expect(UnitKind.allCases.map(\.rank) == Array(0..<8))
        #expect(UnitKind.city < UnitKind.street)
        #expect(UnitKind.grid < UnitKind.building)
        #expect(!(UnitKind.building < UnitKind.grid))
        #expect(UnitKind.allCases.shuffled().sorted() == UnitKind.allCases)
    }

    @Test("Each tier's child is the next tier; buildings have none")
    func childKind() {
        #expect(UnitKind.city.childKind == UnitKind.street)
        #expect(UnitKind.community.childKind == UnitKind.grid)
        #expect(UnitKind.grid.childKind == UnitKind.compound)
        #expect(UnitKind.compound.childKind == UnitKind.building)
        #expect(UnitKind.building.childKind == nil)
    }

    @Test("Only province through community carry a 12-digit division code")
    func hasDivisionCode() {
        let coded: Set<UnitKind> = [.province, .prefecture, .city, .street, .community]
        for kind in UnitKind.allCases {
            #expect(kind.hasDivisionCode == coded.contains(kind), "\(kind)")
        }
    }

    @Test("Statistical division levels 1–5 map to province … community")
    func fromDivisionLevel() {
        #expect(UnitKind.fromDivisionLevel(1) == UnitKind.province)
        #expect(UnitKind.fromDivisionLevel(2) == UnitKind.prefecture)
        #expect(UnitKind.fromDivisionLevel(3) == UnitKind.city)
        #expect(UnitKind.fromDivisionLevel(4) == UnitKind.street)
        #expect(UnitKind.fromDivisionLevel(5) == UnitKind.community)
        #expect(UnitKind.fromDivisionLevel(0) == nil)
        #expect(UnitKind.fromDivisionLevel(6) == nil)
    }

    @Test("Labels are bilingual")
    func labels() {
        #expect(UnitKind.street.label.zh == "街道/乡镇")
        #expect(UnitKind.grid.label.en == "Grid")
    }
}

struct OrganizationKindTests {
    @Test("The model expects one party organization per tier from city to compound")
    func partyTier() {
        #expect(OrganizationKind.partyTier[.city] == OrganizationKind.cityCommittee)
        #expect(OrganizationKind.partyTier[.street] == OrganizationKind.streetWorkingCommittee)
        #expect(OrganizationKind.partyTier[.community] == OrganizationKind.communityCommittee)
        #expect(OrganizationKind.partyTier[.grid] == OrganizationKind.gridBranch)
        #expect(OrganizationKind.partyTier[.compound] == OrganizationKind.compoundGroup)
        #expect(OrganizationKind.partyTier[.building] == nil)
        #expect(OrganizationKind.partyTier.count == 5)
    }

    @Test("isParty covers the tier organizations and building groups only")
    func isParty() {
        let party: Set<OrganizationKind> = [
            .cityCommittee, .streetWorkingCommittee, .communityCommittee, .gridBranch, .compoundGroup, .buildingGroup,
        ]
        for kind in OrganizationKind.allCases {
            #expect(kind.isParty == party.contains(kind), "\(kind)")
        }
    }

    @Test("isNewEconomic covers business districts, office buildings and internet firms only")
    func isNewEconomic() {
        let newEconomic: Set<OrganizationKind> = [.businessDistrict, .officeBuilding, .internetFirm]
        for kind in OrganizationKind.allCases {
            #expect(kind.isNewEconomic == newEconomic.contains(kind), "\(kind)")
            #expect(!(kind.isNewEconomic && kind.isParty), "\(kind)")
        }
    }

    @Test("parse accepts stored values, trimmed, and refuses others")
    func parse() throws {
        #expect(try OrganizationKind.parse("grid_branch") == OrganizationKind.gridBranch)
        #expect(try OrganizationKind.parse(" owners_committee ") == OrganizationKind.ownersCommittee)
        for kind in OrganizationKind.allCases {
            #expect(try OrganizationKind.parse(kind.rawValue) == kind)
        }
        let error = #expect(throws: FieldError.self) { try OrganizationKind.parse("party") }
        #expect(error?.field == "kind")
        #expect(throws: FieldError.self) { try OrganizationKind.parse("Grid_Branch") }
    }

    @Test("Grid worker label carries the local nickname when configured")
    func staffLabels() {
        #expect(StaffRole.gridWorker.label(workerNickname: "格格").zh == "网格员（格格）")
        #expect(StaffRole.gridWorker.label(workerNickname: nil).zh == "网格员")
        #expect(StaffRole.gridLeader.label(workerNickname: "格格").zh == "网格长")
    }

    @Test("Only grid workers and grid leaders are responsible for households")
    func responsibleStaff() {
        for role in StaffRole.allCases {
            #expect(role.isResponsibleForHouseholds == (role == .gridWorker || role == .gridLeader), "\(role)")
        }
    }
}
