import GrassrootsCore

/// Which records a route may touch once its role check has passed. The stores apply the rule (the scope path is a
/// predicate in their SQL); the route table names it so that the policy can be read, printed and tested in one place.
public enum ScopeRule: String, Sendable, CaseIterable {
    /// Nothing personal: a login form, a health check, a language switch.
    case nothing = "nothing personal"
    /// Operators' readings (`/metrics`): no session, so any caller reaches the handler, which admits the scrape
    /// token or a process on this machine (`MetricsAccess`).
    case operators = "scrape token or this machine"
    /// A gateway's delivery report on one message: no session, so any caller reaches the handler, which acts only
    /// for the message's own random token (`MessageRoutes`).
    case gatewayReport = "a gateway's report, with the message's token"
    /// What is published to everyone: a community's public page, its fund ledger, the public Open311 list.
    case published = "published records"
    /// The caller's own account: its password, its tokens, its session.
    case ownAccount = "own account"
    /// Records whose unit lies within the caller's scope (a unit and everything below it).
    case unitInScope = "unit in scope"
    /// The caller's own household and the records raised from it.
    case ownHousehold = "own household"
    /// The caller's own department (an officer) or own registered unit (a liaison).
    case ownDepartment = "own department or unit"
    /// The caller's own registration at a community (双报到) and what it signed up for.
    case ownRegistration = "own registration"
}

/// One line of a route's policy: these roles may call it, and this rule bounds what it touches for them.
public struct Grant: Sendable, Equatable {
    /// The roles admitted; nil admits callers who are not signed in, as well as every role.
    public let roles: Set<Role>?
    /// What the route may touch for them.
    public let rule: ScopeRule
}

/// Who may call a route. Every route is registered with one (`Routes`), and `PolicyMiddleware` checks it before the
/// handler runs, so that a role outside it never reaches a store.
public struct Access: Sendable, Equatable {
    /// The grants, in the order they were declared.
    public let grants: [Grant]

    /// Anyone, signed in or not; what they touch is bounded by `rule`.
    public static func anyone(_ rule: ScopeRule) -> Access { Access(grants: [Grant(roles: nil, rule: rule)]) }

    /// Every signed-in role.
    public static func signedIn(_ rule: ScopeRule) -> Access { signedIn(Set(Role.allCases), rule) }

    /// The signed-in roles that hold a permission, e.g. `.signedIn(\.readsRegistry, .unitInScope)`.
    public static func signedIn(_ permission: KeyPath<Role, Bool>, _ rule: ScopeRule) -> Access {
        signedIn(Set(Role.allCases.filter { $0[keyPath: permission] }), rule)
    }

    /// The signed-in roles listed.
    public static func signedIn(_ roles: Set<Role>, _ rule: ScopeRule) -> Access { Access(grants: [Grant(roles: roles, rule: rule)]) }

    /// This access and another: a route staff use for their scope and residents for their own household.
    public func or(_ other: Access) -> Access { Access(grants: grants + other.grants) }

    /// True when callers who are not signed in are admitted.
    public var admitsAnonymous: Bool { grants.contains { $0.roles == nil } }

    /// True when a signed-in account of `role` is admitted.
    public func admits(_ role: Role) -> Bool { grants.contains { $0.roles?.contains(role) ?? true } }
}
