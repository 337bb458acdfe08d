import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import SQLKit
import Testing

/// The fixtures of `RecordMatrixTests`: for each kind of record a route can name, which of the demo city's records
/// each scope rule reaches for a caller. Every demo account whose reach is less than the city has a mirror: an account
/// of the same role in 西城街道 (another street, community, grid, household, department, registered unit or party
/// registration). The record the demo account reaches, and its mirror does not, is the one tried from outside.
enum RecordMatrix {
    /// A demo account, or its mirror, with what its grants are measured against.
    struct Caller {
        let username: String, role: Role
        /// For a mirror, the demo account it mirrors.
        var twin: String? = nil
        /// Its scope's path and unit; its household (a resident) and that household's path; its department (an
        /// officer), registered unit (a liaison) or registration (a party member), and the community registered at.
        let path: String, unit: Int, account: Int, household: Int?, householdPath: String?, department: Int?, memberUnit: Int?,
            registration: Int?, registeredCommunity: Int?
    }

    /// One request of the matrix: a caller, a concrete URI of a route, and whether its record is inside the caller's reach.
    struct Case { let route: String, method: HTTPRequest.Method, uri: String, username: String, inside: Bool }

    /// A kind of record. Predicates are SQL over the alias `t`, with placeholders filled in for each caller:
    /// `@within` (t.path inside the caller's scope), `@concerns` (inside it, or at or above it), `@household`,
    /// `@householdPath`, `@account`, `@department`, `@registration`, `@community`, `@unit` (the scope's own unit).
    struct Resource {
        var from: String
        var key = "t.id"
        var reach: [ScopeRule: String] = [.unitInScope: "@within"]
        /// Published records: those that are not published, tried by everyone.
        var unpublished: String? = nil
        /// A second record the route names, as SQL over the same row (a summons' target).
        var second: String? = nil
        /// Routes that name no record (a language, an action of one's own): the value their parameter takes.
        var fixed: String? = nil
        /// Records only the city reaches (its categories, its access list), or that every caller may read: no outside.
        var noOutside = false
        var hasRecords: Bool { fixed == nil }
    }

    /// Server-sent event streams never end, so they are only tried from outside.
    static func isStream(_ path: String) -> Bool { path.hasSuffix("/events") && path.contains("/directives/") }

    static let within = "(t.path >= '@path' AND t.path < '@path~')"
    static let concerns = "(\(within) OR '@path' LIKE t.path || '%')"
    static let household = "@householdPath LIKE t.path || '%'"

    /// Records by the stem of the route path (the path up to its first parameter, without `/api/v1`), or by the whole
    /// path where one route of a stem reaches fewer records than the rest.
    static let resources: [String: Resource] = [
        "/access/items/{id}": Resource(from: "access_items t", reach: [.unitInScope: "1 = 1"], noOutside: true),
        "/access/tasks/{id}": Resource(from: "department_tasks t"),
        "/alerts/{id}": Resource(from: "alerts t", reach: [.unitInScope: concerns]),
        "/emergency/alerts/{id}": Resource(from: "alerts t", reach: [.unitInScope: concerns]),
        "/cap/alerts/{id}": Resource(from: "alerts t", reach: [.published: "t.source = 'issued'"], unpublished: "t.source <> 'issued'"),
        "/cadres/{id}": Resource(from: "cadres t"),
        "/communities/{code}": Resource(from: "units t", key: "t.code", reach: [.published: "t.kind = 'community'"], unpublished: "t.kind = 'street'"),
        "/community/{code}": Resource(from: "units t", key: "t.code", reach: [.published: "t.kind = 'community'"], unpublished: "t.kind = 'street'"),
        "/funds/{code}": Resource(from: "units t", key: "t.code", reach: [.published: "t.kind = 'community'", .unitInScope: "t.kind = 'community' AND \(within)"],
                                  unpublished: "t.kind = 'street'"),
        "/fund/{code}": Resource(from: "units t", key: "t.code", reach: [.published: "t.kind = 'community'"], unpublished: "t.kind = 'street'"),
        // A department's work groups: its own officers only.
        "/departments/{id}": Resource(from: "departments t", reach: [.ownDepartment: "t.id = @department"]),
        "/directives/{id}": Resource(from: "directives t", reach: [.unitInScope: concerns], second: "@unit"),
        // Only a draft of the caller's own units can be edited: one issued, or issued above, is refused whoever asks.
        "/directives/{id}/edit": Resource(from: "directives t", reach: [.unitInScope: "t.status = 'draft' AND \(within)"]),
        "/events/{id}": Resource(from: "events t", reach: [.unitInScope: within, .ownRegistration: "t.community_id = @community", .ownHousehold: household],
                                 second: "'signup'"),
        "/fund/entries/{id}": Resource(from: "fund_entries t"),
        "/households/{id}": Resource(from: "households t"),
        "/photos/{id}": Resource(from: "photos t", reach: [.unitInScope: within, .ownAccount: "t.uploaded_by = @account",
                                                       .ownDepartment: """
                                                           (t.uploaded_by = @account OR (t.record_kind = 'summons_step' AND t.record_id IN (SELECT e.id FROM summons_events e
                                                           JOIN summons_targets st ON st.summons_id = e.summons_id WHERE st.department_id = @department)))
                                                           """]),
        "/incidents/{id}": Resource(from: "incidents t", reach: [.unitInScope: concerns]),
        "/emergency/incidents/{id}": Resource(from: "incidents t", reach: [.unitInScope: concerns]),
        "/inbox/{id}": Resource(from: "notifications t", reach: [.unitInScope: "t.unit_id = @unit"]),
        "/lang/{code}": Resource(from: "", fixed: "en"),
        // A point of the check-up, not a record: the unit it is read for is checked by the store (`?unit=`).
        "/checkup/points/{measure}": Resource(from: "", fixed: CheckupMeasure.householdsCovered.rawValue),
        "/static/{file}": Resource(from: "", fixed: String(StaticAssets.page.path.dropFirst("/static/".count))),
        "/me/{action}": Resource(from: "", fixed: "hours"),
        "/participation/{action}": Resource(from: "", fixed: "units"),
        "/open311/v2/{file}": Resource(from: "", fixed: "discovery.json"),
        "/open311/v2/services/{file}": Resource(from: "", fixed: "noise.json"),
        "/open311/v2/requests/{file}": Resource(from: "requests t JOIN request_categories c ON c.id = t.category_id", key: "t.id || '.json'",
                                                reach: [.published: "(t.is_public = 1 OR c.is_public = 1) AND t.withdrawn = 0"],
                                                unpublished: "t.is_public = 0 AND c.is_public = 0"),
        "/open311/v2/media/{id}": Resource(from: "photos t JOIN requests r ON r.id = t.record_id AND t.record_kind = 'request' JOIN request_categories c ON c.id = r.category_id",
                                           reach: [.published: "(r.is_public = 1 OR c.is_public = 1) AND r.withdrawn = 0"],
                                           unpublished: "r.is_public = 0 AND c.is_public = 0"),
        "/open311/v2/tokens/{file}": Resource(from: "requests t", key: "t.token || '.json'", reach: [.published: "t.token IS NOT NULL"], noOutside: true),
        "/needs/{id}": Resource(from: "needs t", reach: [.unitInScope: within, .ownRegistration: "t.community_id = @community"]),
        "/notices/{id}": Resource(from: "notices t", reach: [.unitInScope: within, .ownHousehold: household]),
        "/participation/card/{id}": Resource(from: "member_registrations t", reach: [.unitInScope: within, .ownRegistration: "t.account_id = @account"]),
        "/plans/{id}": Resource(from: "emergency_plans t", reach: [.unitInScope: concerns]),
        "/emergency/plans/{id}": Resource(from: "emergency_plans t", reach: [.unitInScope: concerns]),
        "/quarantine/{id}": Resource(from: "quarantines t", second: "'checks'"),
        "/quarantines/{id}": Resource(from: "quarantines t"),
        "/requests/categories/{id}": Resource(from: "request_categories t", reach: [.unitInScope: "t.parent_id IS NOT NULL"], noOutside: true),
        "/requests/{id}": Resource(from: "requests t", reach: [.unitInScope: within, .ownHousehold: "t.household_id = @household"], second: "'steps'"),
        "/residents/{id}": Resource(from: "residents t"),
        "/secondments/{id}": Resource(from: "secondments t"),
        "/summons/{id}": Resource(from: "summons t", reach: [.unitInScope: within, .ownDepartment: "t.id IN (SELECT summons_id FROM summons_targets WHERE department_id = @department)"],
                                  second: "(SELECT MIN(st.id) FROM summons_targets st WHERE st.summons_id = t.id)"),
        "/summons-targets/{id}": Resource(from: "summons_targets st JOIN summons t ON t.id = st.summons_id", key: "st.id",
                                          reach: [.unitInScope: within, .ownDepartment: "st.department_id = @department"]),
        "/supplies/{id}": Resource(from: "supply_requests t", reach: [.unitInScope: within, .ownRegistration: "t.volunteer_id = @registration"], second: "'delivered'"),
        "/supply-requests/{id}": Resource(from: "supply_requests t", reach: [.ownRegistration: "t.volunteer_id = @registration"]),
        "/tokens/{id}": Resource(from: "api_tokens t", reach: [.ownAccount: "t.account_id = @account"]),
        "/topics/{id}": Resource(from: "topics t", reach: [.unitInScope: concerns, .ownHousehold: household]),
        "/council/{id}": Resource(from: "topics t", reach: [.unitInScope: concerns], second: "'comment'"),
        "/training/sessions/{id}": Resource(from: "training_sessions t"),
        "/training-sessions/{id}": Resource(from: "training_sessions t"),
        "/units/{id}": Resource(from: "units t"),
        "/assignments/{id}": Resource(from: "assignments t"),
    ]

    /// The records the demo city has none of, made by the stores as users would: a quarantine in gege's grid, a
    /// supply request of jumin's household delivered by dangyuan, an alert received by 北城街道 itself and one it
    /// issues (published on /cap), and an escalation notice in the inbox of each of 北城's demo units.
    static func complete(_ context: StoreContext) async throws {
        let id = { (sql: String) in try await AuthorizationTests.id(context, sql) }
        let scope = { (code: String, role: Role) in
            Scope(path: try await UnitStore(context).unit(code: code, scope: .system).path, role: role, accountID: 0, username: "record-matrix")
        }
        let street = try await scope("513401001000", .streetAdmin), community = try await scope("513401001003", .communityStaff)
        let grid = try await scope("513401001003001", .gridWorker)
        let resident = try await id("SELECT MIN(id) AS n FROM residents WHERE path >= '\(grid.path)' AND path < '\(grid.path)~'")
        let today = Date()
        _ = try await QuarantineStore(context).register(QuarantineInput(residentID: resident, place: "居家", startsOn: WorkingCalendar.dayKey(today),
                                                                        endsOn: WorkingCalendar.dayKey(today.addingTimeInterval(6 * 86_400)), testDays: "1,3"),
                                                        scope: grid)
        let household = try await id("SELECT household_id AS n FROM accounts WHERE username = 'jumin'")
        let supply = try await SupplyStore(context).request(householdID: household, SupplyInput(items: "大米10斤、食用油1桶", reason: SupplyReason.quarantine.rawValue),
                                                            scope: community)
        let volunteer = try await id("SELECT r.id AS n FROM member_registrations r JOIN accounts a ON a.id = r.account_id WHERE a.username = 'dangyuan'")
        _ = try await SupplyStore(context).assign(supply.id, volunteerID: volunteer, scope: community)
        let cap = try await context.database.read { db in
            try await db.raw("SELECT cap_xml FROM alerts WHERE id = (SELECT MIN(id) FROM alerts)").first()!.decode(column: "cap_xml", as: String.self)
        }
        _ = try await AlertStore(context).receive(Data(cap.utf8), scope: street)
        let datongmen = try await UnitStore(context).unit(code: "513401001003", scope: .system)
        let beicheng = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        for (unit, scope) in [(beicheng, street), (datongmen, community)] {
            _ = try await DirectiveStore(context).create(unitID: unit.id, DirectiveInput(title: "矩阵草稿", kind: "notice", target: "households",
                                                                                        deadline: "2099-01-01 12:00"), scope: scope)
        }
        _ = try await AlertStore(context).issue(AlertInput(event: "暴雨", eventKind: "flood", severity: "Severe", headline: "北城街道暴雨橙色预警（演练）",
                                                           description: "请低洼小区居民做好转移准备", unitIDs: [datongmen.id], exercise: true), scope: street)
        // Photos on a report in gege's grid and on a record in 西城街道 (outside every account but the city's).
        let admin = Scope(path: "/", role: .cityAdmin, accountID: try await id("SELECT id AS n FROM accounts WHERE username = 'admin'"), username: "admin")
        // Photos on a request listed publicly and on one that is not, for Open311's media.
        for (i, listed) in ["(r.is_public = 1 OR c.is_public = 1)", "r.is_public = 0 AND c.is_public = 0"].enumerated() {
            let photo = try await PhotoStore(context).upload(PhotoBytesTests.png() + [UInt8(i)], scope: admin)
            try await context.database.write { db in
                try await db.raw("""
                    UPDATE photos SET record_kind = 'request', (record_id, path) = (SELECT r.id, r.path FROM requests r JOIN request_categories c ON c.id = r.category_id
                      WHERE \(unsafeRaw: listed) AND r.withdrawn = 0 ORDER BY r.id LIMIT 1) WHERE id = \(bind: photo.id)
                    """).run()
            }
        }
        let jumin = Scope(path: "/", role: .resident, accountID: try await id("SELECT id AS n FROM accounts WHERE username = 'jumin'"), username: "jumin")
        _ = try await PhotoStore(context).upload(PhotoBytesTests.png(), scope: jumin)
        for (i, code) in ["513401001003001", "513401002000"].enumerated() {
            let photo = try await PhotoStore(context).upload(PhotoBytesTests.jpeg() + [UInt8(i)], scope: admin)
            let path = try await UnitStore(context).unit(code: code, scope: .system).path
            try await context.database.write { db in
                try await db.raw("UPDATE photos SET record_kind = 'assignment', record_id = (SELECT MIN(id) FROM assignments), path = \(bind: path + "999/") WHERE id = \(bind: photo.id)").run()
            }
        }
        try await context.database.write { db in
            for unit in [street, community, grid] {
                try await db.raw("""
                    INSERT INTO notifications (unit_id, path, directive_id, subject_unit_id, reason, message_zh, message_en, created_at)
                    SELECT u.id, u.path, (SELECT MIN(id) FROM directives), u.id, 'overdue', '测试提醒', 'Test notice', \(bind: context.nowText)
                    FROM units u WHERE u.path = \(bind: unit.path)
                    """).run()
            }
        }
    }

    /// The path up to and including its first parameter, without the API's prefix: the key of `resources`.
    static func stem(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            parts.append(part)
            if part.hasPrefix("{") { break }
        }
        let stem = "/" + parts.joined(separator: "/")
        return stem.hasPrefix("/api/v1/") ? String(stem.dropFirst("/api/v1".count)) : stem
    }

    static func resource(for path: String) -> Resource? {
        let local = path.hasPrefix("/api/v1/") ? String(path.dropFirst("/api/v1".count)) : path
        return resources[local] ?? resources[stem(path)]
    }

    /// Every demo account with its scope, household, department and registration, then their mirrors.
    static func callers(_ context: StoreContext) async throws -> [Caller] {
        try await mirror(try await accounts(context, DemoCity.accounts.map(\.username)), context)
    }

    static func accounts(_ context: StoreContext, _ usernames: [String]) async throws -> [Caller] {
        try await context.database.read { db in
            try await db.raw("""
                SELECT a.id, a.username, a.role, u.id AS unit, u.path, a.household_id, h.path AS household_path, a.department_id, a.member_unit_id,
                       r.id AS registration, COALESCE(r.community_id, m.community_id) AS community
                FROM accounts a JOIN units u ON u.id = a.scope_unit_id LEFT JOIN households h ON h.id = a.household_id
                LEFT JOIN member_registrations r ON r.account_id = a.id LEFT JOIN member_units m ON m.id = a.member_unit_id
                WHERE a.username IN (\(binds: usernames)) ORDER BY a.id
                """).all().map { row in
                Caller(username: try row.decode(column: "username", as: String.self), role: Role(rawValue: try row.decode(column: "role", as: String.self))!,
                       path: try row.decode(column: "path", as: String.self), unit: try row.decode(column: "unit", as: Int.self),
                       account: try row.decode(column: "id", as: Int.self), household: try row.decode(column: "household_id", as: Int?.self),
                       householdPath: try row.decode(column: "household_path", as: String?.self), department: try row.decode(column: "department_id", as: Int?.self),
                       memberUnit: try row.decode(column: "member_unit_id", as: Int?.self), registration: try row.decode(column: "registration", as: Int?.self),
                       registeredCommunity: try row.decode(column: "community", as: Int?.self))
            }
        }
    }

    /// Adds, for each demo account that reaches less than the whole city, an account of the same role in 西城街道:
    /// the same kind of unit there, another household, another department, a unit and a party member registered there.
    static func mirror(_ demo: [Caller], _ context: StoreContext) async throws -> [Caller] {
        let west = try await UnitStore(context).unit(code: "513401002000", scope: .system)
        let first = { (sql: String) in try await AuthorizationTests.id(context, sql) }
        let westCommunity = try await first("SELECT MIN(id) AS n FROM units WHERE kind = 'community' AND path LIKE '\(west.path)%'")
        let westGrid = try await first("SELECT MIN(id) AS n FROM units WHERE kind = 'grid' AND path LIKE '\(west.path)%'")
        let westHousehold = try await first("SELECT MIN(id) AS n FROM households WHERE path LIKE '\(west.path)%'")
        let householdCommunity = try await first("""
            SELECT u.id AS n FROM households h JOIN units u ON h.path LIKE u.path || '%' WHERE h.id = \(westHousehold) AND u.kind = 'community'
            """)
        let communityPath = try await UnitStore(context).unit(westCommunity, scope: .system).path
        let staff = Scope(path: communityPath, role: .communityStaff, accountID: 0, username: "record-matrix")
        let memberUnit = try await RegistrationStore(context).registerUnit(name: "西城报到单位", kind: MemberUnitKind.allCases[0].rawValue, communityID: westCommunity,
                                                                           liaisonName: "联络员", liaisonPhone: "", venues: "会议室", skills: "", funds: "",
                                                                           volunteers: 0, jointCommittee: JointCommittee.allCases[0].rawValue, commitment: "", scope: staff)
        var mirrors: [String] = []
        for caller in demo {
            var unit: Int? = nil, household: Int? = nil, department: Int? = nil, member: Int? = nil
            switch caller.role {
            case .cityAdmin, .auditor: continue
            case .streetAdmin: unit = west.id
            case .communityStaff, .unitLiaison, .partyMember: unit = westCommunity
            case .gridWorker: unit = westGrid
            case .resident: (unit, household) = (householdCommunity, westHousehold)
            case .departmentOfficer:
                unit = caller.unit
                department = try await first("SELECT MIN(id) AS n FROM departments WHERE id <> \(caller.department ?? 0)")
            }
            if caller.role == .unitLiaison { member = memberUnit.id }
            let username = "west-" + caller.username
            let values = [SQLBind(unit), SQLBind(household), SQLBind(department), SQLBind(member)]
            let id = try await context.database.write { db in
                try await db.insert(into: "accounts").columns("username", "display_name", "password_hash", "role", "scope_unit_id", "household_id",
                                                              "department_id", "member_unit_id", "created_at")
                    .values(SQLBind(username), SQLBind("西城" + caller.username), SQLBind(HashedPassword.make(DemoCity.password)), SQLBind(caller.role.rawValue),
                            values[0], values[1], values[2], values[3], SQLBind(context.nowText))
                    .returning("id").first()!.decode(column: "id", as: Int.self)
            }
            if caller.role == .partyMember {
                _ = try await RegistrationStore(context).registerMember(name: "西城党员", employer: "西城单位", employerPartyOrg: "西城单位党支部",
                                                                        communityID: westCommunity, posts: [ServicePost.allCases[0].rawValue],
                                                                        scope: Scope(path: communityPath, role: .partyMember, accountID: id, username: username))
            }
            mirrors.append(username)
        }
        let twins = Dictionary(uniqueKeysWithValues: demo.map { ("west-" + $0.username, $0.username) })
        return demo + (try await accounts(context, mirrors)).map { mirror in
            var mirror = mirror
            mirror.twin = twins[mirror.username]
            return mirror
        }
    }

    /// `predicate` with `caller`'s values in place of the placeholders (all of them the fixture's own ids and paths).
    static func fill(_ predicate: String, _ caller: Caller) -> String {
        let text = { (value: Int?) in value.map(String.init) ?? "NULL" }
        return predicate.replacingOccurrences(of: "@within", with: within)
            .replacingOccurrences(of: "@path", with: caller.path)
            .replacingOccurrences(of: "@householdPath", with: caller.householdPath.map { "'\($0)'" } ?? "NULL")
            .replacingOccurrences(of: "@household", with: text(caller.household))
            .replacingOccurrences(of: "@account", with: text(caller.account))
            .replacingOccurrences(of: "@department", with: text(caller.department))
            .replacingOccurrences(of: "@memberUnit", with: text(caller.memberUnit))
            .replacingOccurrences(of: "@registration", with: text(caller.registration))
            .replacingOccurrences(of: "@community", with: text(caller.registeredCommunity))
            .replacingOccurrences(of: "@unit", with: String(caller.unit))
    }

    /// The URI of `path` naming the first record (by key) that `predicate` selects, nil when there is none.
    static func uri(_ path: String, _ resource: Resource, _ predicate: String, _ caller: Caller, _ context: StoreContext) async throws -> String? {
        let second = "CAST(\(resource.second.map { fill($0, caller) } ?? "NULL") AS TEXT)"
        let sql = "SELECT \(resource.key) AS k, \(second) AS s FROM \(resource.from) WHERE \(fill(predicate, caller)) ORDER BY t.id LIMIT 1"
        let found = try await context.database.read { db in try await db.raw(SQLQueryString(stringLiteral: sql)).first() }
        guard let found else { return nil }
        let value = { (column: String) throws -> String? in
            if let n = try? found.decode(column: column, as: Int?.self) { return String(n) }
            return try found.decode(column: column, as: String?.self)
        }
        guard let key = try value("k") else { return nil }
        return fillParameters(path, first: key, second: try value("s"))
    }

    /// `path` with its first parameter `first` and any later one `second`.
    static func fillParameters(_ path: String, first: String, second: String?) -> String {
        var seen = 0
        return path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            guard part.hasPrefix("{") else { return String(part) }
            seen += 1
            return seen == 1 ? first : second ?? first
        }.joined(separator: "/")
    }

    /// The cases of one route for one caller: for a demo account, the first record inside its reach (and for a
    /// published route, one not published); for a mirror, the first record its twin reaches and it does not.
    static func cases(_ entry: RoutePolicy.Entry, _ resource: Resource, _ rule: ScopeRule, _ caller: Caller, twin: Caller?,
                      _ context: StoreContext) async throws -> [Case] {
        let make = { (uri: String, inside: Bool) in Case(route: entry.path, method: entry.method, uri: uri, username: caller.username, inside: inside) }
        if let fixed = resource.fixed { return caller.twin == nil ? [make(fillParameters(entry.path, first: fixed, second: nil), true)] : [] }
        guard let reach = resource.reach[rule] else {
            Issue.record("\(entry.method) \(entry.path): no fixture says what “\(rule.rawValue)” reaches for \(caller.username)")
            return []
        }
        var found: [Case] = []
        if let twin {
            // The twin's filled predicate, and not this caller's: a record above both (a city directive) is no one's outside.
            let beyond = "(\(fill(reach, twin))) AND NOT COALESCE((\(reach)), 1 = 0)"
            if !resource.noOutside, let outside = try await uri(entry.path, resource, beyond, caller, context) { found.append(make(outside, false)) }
        } else {
            if let inside = try await uri(entry.path, resource, reach, caller, context) { found.append(make(inside, true)) }
            if let unpublished = resource.unpublished, let outside = try await uri(entry.path, resource, unpublished, caller, context) { found.append(make(outside, false)) }
        }
        return found
    }
}
