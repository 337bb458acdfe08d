/// Where a cadre works: the tier whose staff they are.
public enum CadreTier: String, Sendable, CaseIterable, Codable, LabelledValue {
    case street, community, agency
    public var label: Bilingual {
        switch self {
        case .street: Bilingual("街道干部", "Street cadre")
        case .community: Bilingual("社区干部", "Community cadre")
        case .agency: Bilingual("机关干部", "Agency cadre")
        }
    }
}

/// Highest education completed.
public enum Education: String, Sendable, CaseIterable, Codable, LabelledValue {
    case postgraduate, bachelor, college, secondary
    public var label: Bilingual {
        switch self {
        case .postgraduate: Bilingual("研究生", "Postgraduate")
        case .bachelor: Bilingual("本科", "Bachelor")
        case .college: Bilingual("大专", "College")
        case .secondary: Bilingual("高中及以下", "Secondary or less")
        }
    }
}

/// The kind of post held; a community's secretary and director held by one person is 一肩挑.
public enum PostRole: String, Sendable, CaseIterable, Codable, LabelledValue {
    case partySecretary = "party_secretary"
    case deputySecretary = "deputy_secretary"
    case committeeDirector = "committee_director"
    case committeeMember = "committee_member"
    case streetLeader = "street_leader"
    case departmentPost = "department_post"
    case civilService = "civil_service"
    case other
    public var label: Bilingual {
        switch self {
        case .partySecretary: Bilingual("党组织书记", "Party secretary")
        case .deputySecretary: Bilingual("党组织副书记", "Deputy party secretary")
        case .committeeDirector: Bilingual("居（村）委会主任", "Residents' committee director")
        case .committeeMember: Bilingual("两委委员", "Committee member")
        case .streetLeader: Bilingual("街道（乡镇）领导", "Street leader")
        case .departmentPost: Bilingual("部门职务", "Department post")
        case .civilService: Bilingual("公务员（事业）岗位", "Civil-service post")
        case .other: Bilingual("其他", "Other")
        }
    }
}

/// How a cadre came to a post: the moves between agencies and the grassroots the issue asks to count.
public enum MoveKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case appointment
    case agencyToGrassroots = "agency_to_grassroots"
    case grassrootsToAgency = "grassroots_to_agency"
    case secretaryToCivilService = "secretary_to_civil_service"
    case streetLeaderToDepartment = "street_leader_to_department"
    public var label: Bilingual {
        switch self {
        case .appointment: Bilingual("任职", "Appointment")
        case .agencyToGrassroots: Bilingual("机关到街道社区交流", "Agency to grassroots")
        case .grassrootsToAgency: Bilingual("街道社区到机关交流", "Grassroots to agency")
        case .secretaryToCivilService: Bilingual("优秀社区书记考录（聘）公务员", "Community secretary into civil service")
        case .streetLeaderToDepartment: Bilingual("街道领导转任部门", "Street leader to department post")
        }
    }
}

/// What a course teaches; grassroots governance is the required course.
public enum CourseCategory: String, Sendable, CaseIterable, Codable, LabelledValue {
    case governance, emergency, law, party, other
    public var label: Bilingual {
        switch self {
        case .governance: Bilingual("基层治理", "Grassroots governance")
        case .emergency: Bilingual("应急技能", "Emergency skills")
        case .law: Bilingual("法律法规", "Law")
        case .party: Bilingual("党性教育", "Party education")
        case .other: Bilingual("其他", "Other")
        }
    }
}

/// Exchanges and secondments (挂职).
public enum SecondmentKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case firstSecretary = "first_secretary"
    case communityCommissioner = "community_commissioner"
    case agencyToStreet = "agency_to_street"
    case communityToProperty = "community_to_property"
    case propertyToCommunity = "property_to_community"
    public var label: Bilingual {
        switch self {
        case .firstSecretary: Bilingual("第一书记", "First secretary")
        case .communityCommissioner: Bilingual("社区专员", "Community commissioner")
        case .agencyToStreet: Bilingual("机关领导下派街道挂职", "Agency leader seconded to a street")
        case .communityToProperty: Bilingual("社区干部到物业企业挂职", "Community cadre to a property company")
        case .propertyToCommunity: Bilingual("物业企业人员到社区挂职", "Property staff to a community")
        }
    }
    /// The tier of unit a secondment of this kind goes to.
    public var destination: UnitKind { self == .agencyToStreet ? .street : .community }
}

/// The end-of-term review of a secondment, with the share it counts for in evaluation.
public enum ReviewOutcome: String, Sendable, CaseIterable, Codable, LabelledValue {
    case excellent, competent
    case basicallyCompetent = "basically_competent"
    case incompetent
    public var label: Bilingual {
        switch self {
        case .excellent: Bilingual("优秀", "Excellent")
        case .competent: Bilingual("称职", "Competent")
        case .basicallyCompetent: Bilingual("基本称职", "Basically competent")
        case .incompetent: Bilingual("不称职", "Not competent")
        }
    }
    /// The review on a 0–1 scale.
    public var share: Double {
        switch self { case .excellent: 1; case .competent: 0.75; case .basicallyCompetent: 0.5; case .incompetent: 0 }
    }
}
