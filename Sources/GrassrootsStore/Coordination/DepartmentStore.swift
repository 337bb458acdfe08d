import Foundation
import GrassrootsCore
import SQLKit

/// A department (条): public security, health, urban management and law enforcement …
public struct Department: Sendable, Codable, Equatable {
    public let id: Int
    public let code: String
    public let name: String
    public let nameEn: String

    static let columns = ["id", "code", "name", "name_en"]
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); code = try row.decode(column: "code", as: String.self)
        name = try row.decode(column: "name", as: String.self); nameEn = try row.decode(column: "name_en", as: String.self)
    }
}

/// The kind of a station a department dispatches to a street (派驻机构).
public enum StationKind: String, Sendable, CaseIterable, Codable {
    case policeStation = "police_station"
    case healthCentre = "health_centre"
    case familyDoctorTeam = "family_doctor_team"
    case enforcementSquad = "enforcement_squad"
    case other

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .policeStation: Bilingual("派出所", "Police station")
        case .healthCentre: Bilingual("社区卫生服务中心", "Community health centre")
        case .familyDoctorTeam: Bilingual("家庭医生团队", "Family-doctor team")
        case .enforcementSquad: Bilingual("执法中队", "Law-enforcement squad")
        case .other: Bilingual("其他派驻机构", "Other station")
        }
    }
}

/// A station dispatched to a street, directed by that street day to day.
public struct Station: Sendable, Codable, Equatable {
    public let id: Int
    public let departmentID: Int
    public let name: String
    public let kind: StationKind
    public let streetUnitID: Int
    public let streetName: String

    static let select = """
        SELECT s.id, s.department_id, s.name, s.kind, s.street_unit_id, u.name AS street_name
        FROM stations s JOIN units u ON u.id = s.street_unit_id
        """
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); departmentID = try row.decode(column: "department_id", as: Int.self)
        name = try row.decode(column: "name", as: String.self)
        kind = StationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other
        streetUnitID = try row.decode(column: "street_unit_id", as: Int.self); streetName = try row.decode(column: "street_name", as: String.self)
    }
}

/// The registry of departments and their dispatched stations. Everyone signed in may read it (it says whom a
/// summons can call); the city administers departments, a street its own stations.
public struct DepartmentStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Every department, by code.
    public func departments() async throws -> [Department] {
        try await context.database.read { db in
            try await db.select().columns(Department.columns).from("departments").orderBy("code").all().map(Department.init(row:))
        }
    }

    /// Stations, optionally only those of one department.
    public func stations(departmentID: Int? = nil) async throws -> [Station] {
        try await context.database.read { db in
            if let departmentID {
                return try await db.raw("\(unsafeRaw: Station.select) WHERE s.department_id = \(bind: departmentID) ORDER BY s.name").all().map(Station.init(row:))
            }
            return try await db.raw("\(unsafeRaw: Station.select) ORDER BY s.department_id, s.name").all().map(Station.init(row:))
        }
    }

    /// Adds a department of the city. Only the city administrator may.
    public func createDepartment(code: String, name: String, nameEn: String, scope: Scope) async throws -> Department {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("只有市级管理员可以设置部门", "Only the city administrator manages departments")) }
        let code = code.trimmed, name = name.trimmed
        var v = Validator()
        v.check((1...20).contains(code.count) && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }, "code",
                Bilingual("部门代码为1–20个字母、数字或 -", "The code is 1–20 letters, digits or -"))
        v.check((1...60).contains(name.count), "name", Bilingual("部门名称为1–60个字", "The name needs 1–60 characters"))
        try v.finish()
        return try await context.database.write { db in
            guard let city = try await db.select().columns("id", "path").from("units").where("kind", .equal, SQLBind("city"))
                .where("path", .greaterThanOrEqual, SQLBind(scope.path)).where("path", .lessThan, SQLBind(scope.upperBound))
                .orderBy("path").first() else {
                throw ValidationError("unit", Bilingual("管辖范围内没有县市级单元", "There is no city unit in your scope"))
            }
            if try await db.select().column("id").from("departments")
                .where(group: { $0.where("code", .equal, SQLBind(code)).orWhere("name", .equal, SQLBind(name)) }).first() != nil {
                throw ValidationError("code", Bilingual("部门代码或名称已存在", "A department with this code or name exists"))
            }
            let id = try await db.insert(into: "departments").columns("code", "name", "name_en", "unit_id", "created_at")
                .values(SQLBind(code), SQLBind(name), SQLBind(nameEn.trimmed), SQLBind(try city.decode(column: "id", as: Int.self)), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "department", id: id, path: try city.decode(column: "path", as: String.self),
                                      detail: code, now: context.clock())
            return try await Self.department(id, db: db)
        }
    }

    /// Adds a station of `departmentID` dispatched to the street `streetUnitID`, which must lie within the scope.
    public func createStation(departmentID: Int, name: String, kind: String, streetUnitID: Int, scope: Scope) async throws -> Station {
        guard scope.role.decidesForStreet else { throw AccessDenied() }
        let name = name.trimmed
        var v = Validator()
        v.check((1...60).contains(name.count), "name", Bilingual("机构名称为1–60个字", "The name needs 1–60 characters"))
        let kind = StationKind(rawValue: kind)
        v.check(kind != nil, "kind", Bilingual("请选择机构类型", "Choose the kind of station"))
        try v.finish()
        return try await context.database.write { db in
            _ = try await Self.department(departmentID, db: db)
            let street = try await UnitStore.unit(streetUnitID, scope: scope, db: db)
            guard street.kind == .street else { throw ValidationError("street_unit_id", Bilingual("派驻机构应由街道/乡镇指挥", "A station is directed by a street or township")) }
            if try await db.select().column("id").from("stations").where("name", .equal, SQLBind(name)).first() != nil {
                throw ValidationError("name", Bilingual("已有名为“\(name)”的机构", "A station named “\(name)” exists"))
            }
            let id = try await db.insert(into: "stations").columns("department_id", "name", "kind", "street_unit_id", "street_path", "created_at")
                .values(SQLBind(departmentID), SQLBind(name), SQLBind(kind!.rawValue), SQLBind(street.id), SQLBind(street.path), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "station", id: id, path: street.path, detail: name, now: context.clock())
            return try await db.raw("\(unsafeRaw: Station.select) WHERE s.id = \(bind: id)").first().map(Station.init(row:))!
        }
    }

    static func department(_ id: Int, db: any SQLDatabase) async throws -> Department {
        guard let row = try await db.select().columns(Department.columns).from("departments").where("id", .equal, SQLBind(id)).first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的部门", "No department with id \(id)"))
        }
        return try Department(row: row)
    }
}
