import Foundation
import GrassrootsCore
import SQLKit

/// Residents: created and changed within the caller's scope, personal numbers encrypted, reveals audited.
public struct ResidentStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The configured categories, in display order.
    public func categories() async throws -> [ResidentCategory] {
        try await context.database.read { db in try await Self.categories(db) }
    }

    static func categories(_ db: any SQLDatabase) async throws -> [ResidentCategory] {
        try await db.select().columns("code", "name_zh", "name_en").from("resident_categories").orderBy("position").all().map {
            ResidentCategory(code: try $0.decode(column: "code", as: String.self),
                             name: Bilingual(try $0.decode(column: "name_zh", as: String.self), try $0.decode(column: "name_en", as: String.self)))
        }
    }

    /// One resident.
    public func resident(_ id: Int, scope: Scope) async throws -> Resident {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let cipher = context.cipher
        return try await context.database.read { db in try await Self.resident(id, scope: scope, cipher: cipher, db: db) }
    }

    static func resident(_ id: Int, scope: Scope, cipher: PersonalDataCipher, db: any SQLDatabase) async throws -> Resident {
        guard let row = try await db.select().columns(Resident.columns).from("residents").where("id", .equal, SQLBind(id))
            .within(scope).first() else {
            throw StoreError.notFound(Bilingual("找不到该居民（编号 \(id)）", "No resident with id \(id) in your scope"))
        }
        var resident = try Resident(row: row, cipher: cipher)
        resident.categories = try await db.select().column("category_code").from("resident_category_links")
            .where("resident_id", .equal, SQLBind(id)).orderBy("category_code").all().map { try $0.decode(column: "category_code", as: String.self) }
        return resident.shown(to: scope)
    }

    static func residents(householdID: Int, cipher: PersonalDataCipher, db: any SQLDatabase) async throws -> [Resident] {
        var residents = try await db.select().columns(Resident.columns).from("residents").where("household_id", .equal, SQLBind(householdID))
            .orderBy("is_head", .descending).orderBy("id").all().map { try Resident(row: $0, cipher: cipher) }
        guard !residents.isEmpty else { return [] }
        var links: [Int: [String]] = [:]
        for row in try await db.select().columns("resident_id", "category_code").from("resident_category_links")
            .where("resident_id", .in, SQLBind.group(residents.map(\.id))).orderBy("category_code").all() {
            links[try row.decode(column: "resident_id", as: Int.self), default: []].append(try row.decode(column: "category_code", as: String.self))
        }
        for i in residents.indices { residents[i].categories = links[residents[i].id] ?? [] }
        return residents
    }

    /// Adds a resident to a household.
    public func create(householdID: Int, _ input: ResidentInput, scope: Scope) async throws -> Resident {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let cipher = context.cipher
        return try await context.database.write { db in
            let draft = try ResidentDraft(input, knownCategories: Set(try await Self.categories(db).map(\.code)))
            let household = try await HouseholdStore.household(householdID, scope: scope, cipher: cipher, db: db)
            try await Self.checkUniqueIdentity(draft, except: nil, cipher: cipher, db: db)
            let now = context.nowText
            let id = try await db.insert(into: "residents")
                .columns("household_id", "path", "name", "sex", "birth_date", "id_number_enc", "id_number_hash", "phone_enc",
                         "political_status", "residence_status", "is_head", "created_at", "updated_at")
                .values(SQLBind(householdID), SQLBind(household.path), SQLBind(draft.name), SQLBind(draft.sex?.rawValue),
                        SQLBind(draft.birthDate), SQLBind(draft.idNumber.map { cipher.encrypt($0.value) }),
                        SQLBind(draft.idNumber.map { cipher.lookupHash($0.value) }), SQLBind(draft.phone.map(cipher.encrypt)),
                        SQLBind(draft.politicalStatus.rawValue), SQLBind(draft.residenceStatus.rawValue), SQLBind(draft.isHead ? 1 : 0),
                        SQLBind(now), SQLBind(now))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await Self.link(id, draft.categories, db: db)
            if draft.isHead { try await Self.makeHead(id, householdID: householdID, db: db) }
            try await AuditLog.record(db, scope, "create", "resident", id: id, path: household.path, now: context.clock())
            return try await Self.resident(id, scope: scope, cipher: cipher, db: db)
        }
    }

    /// Changes a resident. An empty identity or phone field keeps the stored number (it is never sent back to forms).
    public func update(_ id: Int, _ input: ResidentInput, scope: Scope) async throws -> Resident {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let cipher = context.cipher
        return try await context.database.write { db in
            let draft = try ResidentDraft(input, knownCategories: Set(try await Self.categories(db).map(\.code)))
            let existing = try await Self.resident(id, scope: scope, cipher: cipher, db: db)
            try await Self.checkUniqueIdentity(draft, except: id, cipher: cipher, db: db)
            let update = db.update("residents").set("name", to: SQLBind(draft.name)).set("political_status", to: SQLBind(draft.politicalStatus.rawValue))
                .set("residence_status", to: SQLBind(draft.residenceStatus.rawValue)).set("is_head", to: SQLBind(draft.isHead ? 1 : 0))
                .set("updated_at", to: SQLBind(context.nowText))
            if let sex = draft.sex { update.set("sex", to: SQLBind(sex.rawValue)) }
            if let birth = draft.birthDate { update.set("birth_date", to: SQLBind(birth)) }
            if let number = draft.idNumber {
                update.set("id_number_enc", to: SQLBind(cipher.encrypt(number.value))).set("id_number_hash", to: SQLBind(cipher.lookupHash(number.value)))
            }
            if let phone = draft.phone { update.set("phone_enc", to: SQLBind(cipher.encrypt(phone))) }
            try await update.where("id", .equal, SQLBind(id)).run()
            try await db.delete(from: "resident_category_links").where("resident_id", .equal, SQLBind(id)).run()
            try await Self.link(id, draft.categories, db: db)
            if draft.isHead { try await Self.makeHead(id, householdID: existing.householdID, db: db) }
            let path = try await db.select().column("path").from("residents").where("id", .equal, SQLBind(id)).first()?.decode(column: "path", as: String.self)
            try await AuditLog.record(db, scope, "update", "resident", id: id, path: path, now: context.clock())
            return try await Self.resident(id, scope: scope, cipher: cipher, db: db)
        }
    }

    /// The full identity number, for roles that may see it; the reveal itself is audited.
    public func revealIdentity(_ id: Int, scope: Scope) async throws -> String? {
        guard scope.role.mayRevealIdentity else {
            throw AccessDenied(Bilingual("您的角色不能查看完整身份证号", "Your role may not see full identity numbers"))
        }
        let cipher = context.cipher
        return try await context.database.write { db in
            guard let row = try await db.select().columns("id_number_enc", "path").from("residents").where("id", .equal, SQLBind(id))
                .within(scope).first() else {
                throw StoreError.notFound(Bilingual("找不到该居民（编号 \(id)）", "No resident with id \(id) in your scope"))
            }
            try await AuditLog.record(db, scope, "reveal_id_number", "resident", id: id,
                                      path: try row.decode(column: "path", as: String.self), now: context.clock())
            return try row.decode(column: "id_number_enc", as: String?.self).flatMap(cipher.decrypt)
        }
    }

    static func checkUniqueIdentity(_ draft: ResidentDraft, except id: Int?, cipher: PersonalDataCipher, db: any SQLDatabase) async throws {
        // Checked across the whole registry, not the scope, because a person is registered once;
        // the message does not say where, so nothing outside the scope leaks.
        guard let number = draft.idNumber else { return }
        let holder = try await db.select().column("id").from("residents").where("id_number_hash", .equal, SQLBind(cipher.lookupHash(number.value)))
            .first()?.decode(column: "id", as: Int.self)
        if let holder, holder != id {
            throw ValidationError("id_number", Bilingual("该身份证号已登记在另一位居民名下", "This identity number is already registered to another resident"))
        }
    }

    static func link(_ id: Int, _ categories: [String], db: any SQLDatabase) async throws {
        guard !categories.isEmpty else { return }
        let insert = db.insert(into: "resident_category_links").columns("resident_id", "category_code")
        for code in categories { insert.values(SQLBind(id), SQLBind(code)) }
        try await insert.run()
    }

    static func makeHead(_ id: Int, householdID: Int, db: any SQLDatabase) async throws {
        try await db.update("residents").set("is_head", to: SQLBind(0)).where("household_id", .equal, SQLBind(householdID))
            .where("id", .notEqual, SQLBind(id)).run()
    }
}
