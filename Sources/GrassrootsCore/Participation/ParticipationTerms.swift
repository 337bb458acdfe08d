import Foundation

/// What kind of organization registers with a community (单位报到).
public enum MemberUnitKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case agency, institution, enterprise
    case socialOrganization = "social_organization"
    public var label: Bilingual {
        switch self {
        case .agency: Bilingual("机关", "Agency")
        case .institution: Bilingual("事业单位", "Public institution")
        case .enterprise: Bilingual("企业", "Enterprise")
        case .socialOrganization: Bilingual("社会组织", "Social organization")
        }
    }
}

/// Membership of the joint party committees: the community's 大党委 or the street's 大工委.
public enum JointCommittee: String, Sendable, CaseIterable, Codable, LabelledValue {
    case none, community, street
    public var label: Bilingual {
        switch self {
        case .none: Bilingual("非成员单位", "Not a member")
        case .community: Bilingual("社区大党委成员单位", "Member of the community's joint committee")
        case .street: Bilingual("街道大工委成员单位", "Member of the street's joint committee")
        }
    }
}

/// The service posts an employed party member chooses (在职党员报到岗位).
public enum ServicePost: String, Sendable, CaseIterable, Codable, LabelledValue {
    case organization, legalAid = "legal_aid", needy, governance, health, culture, patrol, other
    public var label: Bilingual {
        switch self {
        case .organization: Bilingual("组织建设", "Organization building")
        case .legalAid: Bilingual("法律援助", "Legal aid")
        case .needy: Bilingual("帮困助残", "Help for the needy and disabled")
        case .governance: Bilingual("社区治理", "Community governance")
        case .health: Bilingual("医疗卫生", "Health")
        case .culture: Bilingual("文体活动", "Culture and sports")
        case .patrol: Bilingual("平安巡逻", "Safety patrol")
        case .other: Bilingual("其他", "Other")
        }
    }
}

/// A community event.
public enum EventKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case neighbourFestival = "neighbour_festival"
    case partyOpenDay = "party_open_day"
    case volunteer, other
    public var label: Bilingual {
        switch self {
        case .neighbourFestival: Bilingual("比邻节", "Neighbourhood festival")
        case .partyOpenDay: Bilingual("党课开放日", "Party-lesson open day")
        case .volunteer: Bilingual("志愿服务", "Volunteer activity")
        case .other: Bilingual("其他活动", "Other")
        }
    }
}

/// Where a community need stands: published, claimed (a project), accepted by the community.
public enum NeedStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    case open, project, accepted
    public var label: Bilingual {
        switch self {
        case .open: Bilingual("待认领", "Unmatched")
        case .project: Bilingual("项目实施中", "Project under way")
        case .accepted: Bilingual("已验收", "Accepted")
        }
    }
}

/// A registration or service record waiting for the community, or decided.
public enum ReviewStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    case pending, approved, rejected
    public var label: Bilingual {
        switch self {
        case .pending: Bilingual("待社区确认", "Waiting for the community")
        case .approved: Bilingual("已确认", "Confirmed")
        case .rejected: Bilingual("未通过", "Not confirmed")
        }
    }
}
