import Testing
@testable import GrassrootsCore

struct RoleTests {
    @Test("Each permission is granted to exactly the intended roles")
    func permissions() {
        let readers: Set<Role> = [.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .auditor]
        let editors: Set<Role> = [.cityAdmin, .streetAdmin, .communityStaff, .gridWorker]
        let admins: Set<Role> = [.cityAdmin, .streetAdmin]
        let revealers: Set<Role> = [.cityAdmin, .streetAdmin, .communityStaff]
        let auditReaders: Set<Role> = [.cityAdmin, .streetAdmin, .auditor]
        for role in Role.allCases {
            #expect(role.readsRegistry == readers.contains(role), "readsRegistry \(role)")
            #expect(role.editsRegistry == editors.contains(role), "editsRegistry \(role)")
            #expect(role.administers == admins.contains(role), "administers \(role)")
            #expect(role.mayRevealIdentity == revealers.contains(role), "mayRevealIdentity \(role)")
            #expect(role.readsAudit == auditReaders.contains(role), "readsAudit \(role)")
            #expect(role.readsHouseholdRows == readers.contains(role), "readsHouseholdRows \(role)")
        }
    }

    @Test("Permissions nest: editing implies reading; administering implies editing")
    func permissionsNest() {
        for role in Role.allCases {
            if role.editsRegistry { #expect(role.readsRegistry, "\(role)") }
            if role.administers { #expect(role.editsRegistry && role.mayRevealIdentity, "\(role)") }
            if role.mayRevealIdentity { #expect(role.readsRegistry, "\(role)") }
        }
        #expect(Role.auditor.readsRegistry && !Role.auditor.editsRegistry)
        for role in [Role.resident, .partyMember, .unitLiaison, .departmentOfficer] {
            #expect(!role.readsRegistry && !role.editsRegistry && !role.administers && !role.readsAudit, "\(role)")
        }
    }

    @Test("parse accepts stored values (trimmed) and lists the accepted ones when refusing")
    func parse() throws {
        #expect(try Role.parse("grid_worker") == Role.gridWorker)
        #expect(try Role.parse(" auditor\n") == Role.auditor)
        for role in Role.allCases { #expect(try Role.parse(role.rawValue) == role) }
        #expect(Role.allCases.count == 9)

        let error = #expect(throws: FieldError.self) { try Role.parse("admin") }
        #expect(error?.field == "role")
        #expect(error?.message.en.contains("city_admin") == true)
        #expect(error?.message.en.contains("auditor") == true)
        #expect(throws: FieldError.self) { try Role.parse("City_Admin") }
        #expect(throws: FieldError.self) { try Role.parse("") }
    }

    @Test("Labels are bilingual")
    func labels() {
        #expect(Role.gridWorker.label.zh == "网格员")
        #expect(Role.auditor.label.en == "Auditor (read-only)")
    }
}

struct ScopeTests {
    static let scope = Scope(path: "/1/12/", role: .streetAdmin, accountID: 7, username: "li")

    static let descendants = ["/1/12/", "/1/12/3/", "/1/12/345/", "/1/12/3/45/678/", "/1/12/9/", "/1/12/99999/1/"]
    static let outsiders = ["/1/120/", "/1/121/5/", "/1/13/", "/1/11/", "/1/1/", "/1/", "/", "/2/12/", "/1/12", "/11/12/"]

    @Test("contains is true for the root and every descendant")
    func containsDescendants() {
        for path in Self.descendants { #expect(Self.scope.contains(path), "\(path)") }
    }

    @Test("contains is false for siblings sharing a digit prefix, ancestors and other branches")
    func excludesOthers() {
        for path in Self.outsiders { #expect(!Self.scope.contains(path), "\(path)") }
    }

    @Test("upperBound is the path followed by ~")
    func upperBoundValue() {
        #expect(Self.scope.upperBound == "/1/12/~")
        #expect(Scope.system.upperBound == "/~")
    }

    @Test("Every descendant sorts in [path, upperBound); no outsider does")
    func rangeOrdering() {
        let scope = Self.scope
        for path in Self.descendants {
            #expect(scope.path <= path && path < scope.upperBound, "\(path)")
            // Byte order, as a database index compares the column.
            #expect(!path.utf8.lexicographicallyPrecedes(scope.path.utf8), "\(path)")
            #expect(path.utf8.lexicographicallyPrecedes(scope.upperBound.utf8), "\(path)")
        }
        for path in Self.outsiders {
            #expect(!(scope.path <= path && path < scope.upperBound), "\(path)")
            let inByteRange = !path.utf8.lexicographicallyPrecedes(scope.path.utf8)
                && path.utf8.lexicographicallyPrecedes(scope.upperBound.utf8)
            #expect(!inByteRange, "\(path)")
        }
        // The tricky sibling: "/1/120/" shares the characters "/1/12" but is not below "/1/12/".
        #expect("/1/120/" > scope.upperBound)
    }

    @Test("The range predicate agrees with contains for every path")
    func rangeAgreesWithContains() {
        let scope = Scope(path: "/3/", role: .communityStaff, accountID: 1, username: "w")
        for path in Self.descendants + Self.outsiders + ["/3/", "/3/1/", "/30/", "/3", "/4/"] {
            let inRange = scope.path <= path && path < scope.upperBound
            #expect(inRange == scope.contains(path), "\(path)")
        }
    }

    @Test("The system scope covers everything as a city administrator")
    func system() {
        let system = Scope.system
        #expect(system.path == "/")
        #expect(system.role == Role.cityAdmin)
        #expect(system.accountID == 0)
        #expect(system.username == "system")
        for path in Self.descendants + Self.outsiders { #expect(system.contains(path), "\(path)") }
    }

    @Test("Scopes compare by all their fields")
    func equality() {
        #expect(Self.scope == Scope(path: "/1/12/", role: .streetAdmin, accountID: 7, username: "li"))
        #expect(Self.scope != Scope(path: "/1/12/", role: .gridWorker, accountID: 7, username: "li"))
    }

    @Test("AccessDenied has a default bilingual message")
    func accessDenied() {
        let denied = AccessDenied()
        #expect(denied.description == "Access denied: this is outside your scope")
        #expect(denied.message.zh == "无权访问：该对象不在您的管辖范围内")
        #expect(AccessDenied(Bilingual("不行", "No")).description == "No")
    }
}
