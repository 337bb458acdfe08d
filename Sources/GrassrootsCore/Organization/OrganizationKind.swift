/// Organizations attached to a territory unit: the six party tiers, self-governance and
/// mass organizations, and the new economic and social organizations the party must reach.
public enum OrganizationKind: String, Sendable, CaseIterable, Codable {
    case cityCommittee = "city_committee"
    case streetWorkingCommittee = "street_working_committee"
    case communityCommittee = "community_committee"
    case gridBranch = "grid_branch"
    case compoundGroup = "compound_group"
    case buildingGroup = "building_group"
    case ownersCommittee = "owners_committee"
    case propertyCompany = "property_company"
    case residentsGroup = "residents_group"
    case youthLeague = "youth_league"
    case womensFederation = "womens_federation"
    case socialOrganization = "social_organization"
    case businessDistrict = "business_district"
    case officeBuilding = "office_building"
    case internetFirm = "internet_firm"

    /// Party organizations, one expected per tier.
    public var isParty: Bool { Self.partyTier.values.contains(self) || self == .buildingGroup }

    /// New economic and social organizations (新经济组织), counted as covered only when they have a party organization.
    public var isNewEconomic: Bool { [.businessDistrict, .officeBuilding, .internetFirm].contains(self) }

    /// The party organization the model expects at each tier.
    public static let partyTier: [UnitKind: OrganizationKind] = [
        .city: .cityCommittee, .street: .streetWorkingCommittee, .community: .communityCommittee,
        .grid: .gridBranch, .compound: .compoundGroup,
    ]

    /// The name shown to users.
    public var label: Bilingual {
        switch self {
        case .cityCommittee: Bilingual("县市党委", "City party committee")
        case .streetWorkingCommittee: Bilingual("街道党工委", "Street working committee")
        case .communityCommittee: Bilingual("社区党委", "Community party committee")
        case .gridBranch: Bilingual("网格党支部", "Grid party branch")
        case .compoundGroup: Bilingual("院落党小组", "Compound party group")
        case .buildingGroup: Bilingual("楼栋党小组", "Building party group")
        case .ownersCommittee: Bilingual("业委会", "Owners' committee")
        case .propertyCompany: Bilingual("物业服务企业", "Property manager")
        case .residentsGroup: Bilingual("居民小组", "Residents' group")
        case .youthLeague: Bilingual("团组织", "Youth league")
        case .womensFederation: Bilingual("妇联", "Women's federation")
        case .socialOrganization: Bilingual("社会组织", "Social organization")
        case .businessDistrict: Bilingual("商圈", "Business district")
        case .officeBuilding: Bilingual("商务楼宇", "Office building")
        case .internetFirm: Bilingual("互联网企业", "Internet firm")
        }
    }

    /// Parses a stored or submitted value, with a message listing the accepted ones.
    public static func parse(_ raw: String) throws -> OrganizationKind {
        guard let kind = OrganizationKind(rawValue: raw.trimmed) else {
            throw FieldError("kind", Bilingual("未知的组织类型“\(raw)”", "Unknown organization kind “\(raw)”"))
        }
        return kind
    }
}

/// Roles of the people who staff a grid in the one integrated grid (一网融合).
public enum StaffRole: String, Sendable, CaseIterable, Codable {
    case gridLeader = "grid_leader"
    case gridWorker = "grid_worker"
    case redAreaLeader = "red_area_leader"
    case residentGroupLeader = "resident_group_leader"
    case buildingLeader = "building_leader"
    case volunteer

    /// The name shown to users; the grid worker's local nickname (e.g. 格格) is configuration.
    public func label(workerNickname: String?) -> Bilingual {
        switch self {
        case .gridLeader: Bilingual("网格长", "Grid leader")
        case .gridWorker:
            Bilingual(workerNickname.map { "网格员（\($0)）" } ?? "网格员", "Grid worker")
        case .redAreaLeader: Bilingual("红色片长", "Red area leader")
        case .residentGroupLeader: Bilingual("居民小组长", "Resident group leader")
        case .buildingLeader: Bilingual("楼栋长", "Building leader")
        case .volunteer: Bilingual("志愿者", "Volunteer")
        }
    }

    /// Staff who are responsible for households (so a household without one is a blind spot).
    public var isResponsibleForHouseholds: Bool { self == .gridWorker || self == .gridLeader }
}
