/// What an account may do. Every role is bounded by its scope (a unit subtree or a department).
public enum Role: String, Sendable, CaseIterable, Codable {
    case cityAdmin = "city_admin"
    case streetAdmin = "street_admin"
    case communityStaff = "community_staff"
    case gridWorker = "grid_worker"
    case departmentOfficer = "department_officer"
    case unitLiaison = "unit_liaison"
    case partyMember = "party_member"
    case resident
    case auditor

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .cityAdmin: Bilingual("市级管理员", "City administrator")
        case .streetAdmin: Bilingual("街道管理员", "Street administrator")
        case .communityStaff: Bilingual("社区工作者", "Community staff")
        case .gridWorker: Bilingual("网格员", "Grid worker")
        case .departmentOfficer: Bilingual("部门人员", "Department officer")
        case .unitLiaison: Bilingual("单位联络员", "Unit liaison")
        case .partyMember: Bilingual("党员", "Party member")
        case .resident: Bilingual("居民", "Resident")
        case .auditor: Bilingual("审计员（只读）", "Auditor (read-only)")
        }
    }

    /// Roles that may read the household registry of their scope.
    public var readsRegistry: Bool { [.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .auditor].contains(self) }

    /// Roles that read the check-up (体检) of their scope: it scores streets and communities, so not a grid worker's grid.
    public var readsCheckup: Bool { readsRegistry && self != .gridWorker }

    /// Roles that serve households and so may read household-level rows: assignments and their answers, and their
    /// exports. Everyone else (officers, liaisons, party members, residents) sees a directive's aggregates only.
    public var readsHouseholdRows: Bool { readsRegistry }

    /// Roles that may change households, residents, organizations and staffing in their scope.
    public var editsRegistry: Bool { [.cityAdmin, .streetAdmin, .communityStaff, .gridWorker].contains(self) }

    /// Roles that may draft, issue, extend and cancel directives for their scope.
    public var issuesDirectives: Bool { [.cityAdmin, .streetAdmin, .communityStaff].contains(self) }

    /// Roles that report field work on assignments and reassign them.
    public var reportsFieldWork: Bool { [.cityAdmin, .streetAdmin, .communityStaff, .gridWorker].contains(self) }

    /// Roles that may raise a summons (吹哨); a community's goes to its street first.
    public var raisesSummons: Bool { [.cityAdmin, .streetAdmin, .communityStaff].contains(self) }

    /// Roles that decide for the street: send a community's summons on, verify closure, grant extensions and returns.
    public var decidesForStreet: Bool { self == .cityAdmin || self == .streetAdmin }

    /// Roles that keep cadre records: profiles, posts, training, secondments and the evaluation weights (their scope's).
    public var managesCadres: Bool { self == .cityAdmin || self == .streetAdmin }

    /// Roles that read cadre records of their scope.
    public var readsCadres: Bool { [.cityAdmin, .streetAdmin, .communityStaff, .auditor].contains(self) }

    /// Roles that run the council hall (meetings, votes, resolutions) and keep the community fund's ledger.
    public var keepsCouncil: Bool { [.cityAdmin, .streetAdmin, .communityStaff].contains(self) }

    /// Roles that may raise a topic in the council hall and discuss it: residents, party members, unit liaisons, staff.
    public var takesPartInCouncil: Bool { ![.departmentOfficer, .auditor].contains(self) }

    /// Roles that may change the territory tree itself and manage accounts.
    public var administers: Bool { self == .cityAdmin || self == .streetAdmin }

    /// Roles that see identity and phone numbers unmasked after an audited reveal.
    public var mayRevealIdentity: Bool { [.cityAdmin, .streetAdmin, .communityStaff].contains(self) }

    /// Roles that may read the audit log.
    public var readsAudit: Bool { self == .cityAdmin || self == .auditor || self == .streetAdmin }

    /// Parses a stored or submitted value.
    public static func parse(_ raw: String) throws -> Role {
        guard let role = Role(rawValue: raw.trimmed) else {
            let accepted = allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError("role", Bilingual("未知角色“\(raw)”，可选：\(accepted)", "Unknown role “\(raw)”; use one of: \(accepted)"))
        }
        return role
    }
}

/// The part of the territory an account may see: a unit and everything below it, identified by
/// the unit's materialized path, so that stores apply it as one indexed range predicate.
public struct Scope: Sendable, Equatable, Codable {
    /// The materialized path of the scope's root unit, e.g. `/1/12/`.
    public let path: String
    /// The role acting within it.
    public let role: Role
    /// The account acting, for the audit log.
    public let accountID: Int
    /// The acting account's username, for the audit log.
    public let username: String
    /// The department a department officer acts for; nil for everyone else.
    public let departmentID: Int?

    /// Creates a scope.
    public init(path: String, role: Role, accountID: Int, username: String, departmentID: Int? = nil) {
        self.path = path; self.role = role; self.accountID = accountID; self.username = username; self.departmentID = departmentID
    }

    /// True when `unitPath` lies inside this scope.
    public func contains(_ unitPath: String) -> Bool { unitPath.hasPrefix(path) }

    /// True when something made at `unitPath` concerns this scope: made inside it, or above it (a plan, alert or
    /// incident of the city concerns every street). `Scope.withinOrAbove` is the same test in SQL.
    public func concerns(_ unitPath: String) -> Bool { contains(unitPath) || path.hasPrefix(unitPath) }

    /// The exclusive upper bound of the path range: every descendant path starts with `path`
    /// followed by a digit, and `~` sorts after every digit and `/`.
    public var upperBound: String { path + "~" }

    /// A scope over everything, for command-line work run by the operator.
    public static let system = Scope(path: "/", role: .cityAdmin, accountID: 0, username: "system")
}

/// A failure of authorization, kept apart from validation so the web layer can answer 403.
public struct AccessDenied: Error, Sendable, CustomStringConvertible {
    /// What was refused.
    public let message: Bilingual
    /// Creates the error.
    public init(_ message: Bilingual = Bilingual("无权访问：该对象不在您的管辖范围内", "Access denied: this is outside your scope")) {
        self.message = message
    }
    public var description: String { message.en }
}
