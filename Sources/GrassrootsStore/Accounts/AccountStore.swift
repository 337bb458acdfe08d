@preconcurrency import Crypto
import Foundation
import GrassrootsCore
import HummingbirdBcrypt
import SQLKit

/// A user account: a role bounded by a scope unit.
public struct Account: Sendable, Codable, Equatable {
    public let id: Int
    public let username: String
    public let displayName: String
    public let role: Role
    public let scopeUnitID: Int
    public let scopePath: String
    /// The department of a department officer.
    public var departmentID: Int? = nil

    /// The scope every store call made for this account takes.
    public var scope: Scope { Scope(path: scopePath, role: role, accountID: id, username: username, departmentID: departmentID) }
}

/// A signed-in session: the account and the token that forms must echo back (CSRF protection).
public struct Session: Sendable {
    public let account: Account
    public let csrfToken: String
    /// Creates a session value.
    public init(account: Account, csrfToken: String) { self.account = account; self.csrfToken = csrfToken }
}

/// Accounts, password checks with throttling, sessions kept in the database, and API bearer tokens.
public struct AccountStore: Sendable {
    let context: StoreContext
    public static let sessionLifetime: TimeInterval = 12 * 3600

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    static let select = """
        SELECT a.id, a.username, a.display_name, a.role, a.scope_unit_id, a.department_id, u.path AS scope_path
        FROM accounts a JOIN units u ON u.id = a.scope_unit_id
        """

    /// Adds an account whose scope is `scopeUnitID`'s subtree. Only an administrator whose own scope contains it may.
    public func create(username: String, displayName: String, password: String, role: Role, scopeUnitID: Int,
                       departmentID: Int? = nil, by scope: Scope) async throws -> Account {
        guard scope.role.administers else { throw AccessDenied() }
        let username = username.trimmed
        var v = Validator()
        v.check(username.count >= 2 && username.count <= 40 && username.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) },
                "username", Bilingual("用户名为2–40个字母、数字或 . _ -", "Username is 2–40 letters, digits or . _ -"))
        v.check(password.count >= 8, "password", Bilingual("密码至少8位", "Password needs at least 8 characters"))
        v.check(!displayName.trimmed.isEmpty, "display_name", Bilingual("姓名不能为空", "Display name is required"))
        v.check((role == .departmentOfficer) == (departmentID != nil), "department_id",
                Bilingual("部门人员须指定所属部门，其他角色不设部门", "A department officer needs a department; other roles have none"))
        try v.finish()
        let hash = HashedPassword.make(password)
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(scopeUnitID, scope: scope, db: db)
            if try await db.select().column("id").from("accounts").where("username", .equal, SQLBind(username)).first() != nil {
                throw ValidationError("username", Bilingual("用户名“\(username)”已被使用", "Username “\(username)” is taken"))
            }
            if let departmentID, try await db.select().column("id").from("departments").where("id", .equal, SQLBind(departmentID)).first() == nil {
                throw ValidationError("department_id", Bilingual("没有编号为 \(departmentID) 的部门", "There is no department \(departmentID)"))
            }
            let id = try await db.insert(into: "accounts")
                .columns("username", "display_name", "password_hash", "role", "scope_unit_id", "department_id", "created_at")
                .values(SQLBind(username), SQLBind(displayName.trimmed), SQLBind(hash), SQLBind(role.rawValue), SQLBind(unit.id),
                        SQLBind(departmentID), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "account", id: id, path: unit.path, detail: "\(username) \(role.rawValue)", now: context.clock())
            return Account(id: id, username: username, displayName: displayName.trimmed, role: role, scopeUnitID: unit.id, scopePath: unit.path,
                           departmentID: departmentID)
        }
    }

    /// Sets a new password (the operator's `user reset-password`).
    public func resetPassword(username: String, password: String, by scope: Scope) async throws {
        guard scope.role.administers else { throw AccessDenied() }
        guard password.count >= 8 else { throw ValidationError("password", Bilingual("密码至少8位", "Password needs at least 8 characters")) }
        let hash = HashedPassword.make(password)
        try await context.database.write { db in
            guard let account = try await Self.account(username: username, db: db), scope.contains(account.scopePath) else {
                throw StoreError.notFound(Bilingual("没有用户“\(username)”", "No user “\(username)”"))
            }
            try await db.update("accounts").set("password_hash", to: SQLBind(hash)).where("id", .equal, SQLBind(account.id)).run()
            try await LoginThrottle.clear(username: username, db: db)
            // Whoever knew the old password may hold a session or token: a reset ends them all.
            try await APITokenStore.endAll(accountID: account.id, db: db)
            try await AuditLog.record(db, scope, "reset_password", "account", id: account.id, path: account.scopePath, now: context.clock())
        }
    }

    static func account(username: String, db: any SQLDatabase) async throws -> Account? {
        try await db.raw("\(unsafeRaw: select) WHERE a.username = \(bind: username) AND a.disabled = 0").first().map(account)
    }

    static func account(_ row: any SQLRow) throws -> Account {
        Account(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                displayName: try row.decode(column: "display_name", as: String.self),
                role: try Role.parse(try row.decode(column: "role", as: String.self)),
                scopeUnitID: try row.decode(column: "scope_unit_id", as: Int.self), scopePath: try row.decode(column: "scope_path", as: String.self),
                departmentID: try row.decode(column: "department_id", as: Int?.self))
    }

    /// The longest username and password a login form may send; longer ones are refused before any work.
    public static let maxUsernameLength = 40, maxPasswordLength = 256
    /// A hash checked when the username is unknown, so that answer takes as long as a wrong password.
    static let decoyHash = HashedPassword.make(randomToken())

    /// Checks a password and opens a session. Refuses, without checking, after too many recent failures for the
    /// username or from the client `address`; an unknown username costs the same bcrypt check as a known one.
    public func login(username: String, password: String, address: String = "") async throws -> (token: String, session: Session) {
        guard username.count <= Self.maxUsernameLength, password.count <= Self.maxPasswordLength else { throw LoginError.wrongCredentials }
        let now = context.clock()
        guard try await LoginThrottle(context: context).admit(username: username, address: address, at: now) else {
            throw LoginError.throttled(minutes: Int(LoginThrottle.window / 60))
        }
        let found = try await context.database.read { db -> (Account, String)? in
            guard let account = try await Self.account(username: username, db: db) else { return nil }
            let hash = try await db.select().column("password_hash").from("accounts").where("id", .equal, SQLBind(account.id))
                .first()!.decode(column: "password_hash", as: String.self)
            return (account, hash)
        }
        let matches = Bcrypt.verify(password, hash: found?.1 ?? Self.decoyHash)
        guard let (account, _) = found, matches else { throw LoginError.wrongCredentials }
        let token = Self.randomToken(), csrf = Self.randomToken()
        try await context.database.write { db in
            try await LoginThrottle.clear(username: username, db: db)
            try await db.insert(into: "sessions").columns("token_hash", "account_id", "csrf_token", "created_at", "expires_at")
                .values(SQLBind(Self.digest(token)), SQLBind(account.id), SQLBind(csrf), SQLBind(Timestamp.format(now)),
                        SQLBind(Timestamp.format(now.addingTimeInterval(Self.sessionLifetime)))).run()
            try await AuditLog.record(db, account.scope, "login", "account", id: account.id, path: account.scopePath, now: now)
        }
        return (token, Session(account: account, csrfToken: csrf))
    }

    /// The live session for a cookie token, if any.
    public func session(token: String) async throws -> Session? {
        try await context.database.read { db in
            guard let row = try await db.raw("""
                SELECT a.id, a.username, a.display_name, a.role, a.scope_unit_id, a.department_id, u.path AS scope_path, s.csrf_token
                FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN units u ON u.id = a.scope_unit_id
                WHERE s.token_hash = \(bind: Self.digest(token)) AND s.expires_at > \(bind: context.nowText) AND a.disabled = 0
                """).first() else { return nil }
            return Session(account: try Self.account(row), csrfToken: try row.decode(column: "csrf_token", as: String.self))
        }
    }

    /// Ends a session.
    public func logout(token: String) async throws {
        try await context.database.write { db in
            try await db.delete(from: "sessions").where("token_hash", .equal, SQLBind(Self.digest(token))).run()
        }
    }

    /// Issues an API bearer token for the account (see `APITokenStore`).
    public func issueToken(accountID: Int, name: String) async throws -> String {
        try await APITokenStore(context).issue(accountID: accountID, name: name)
    }

    /// The account a live bearer token belongs to.
    public func account(bearer token: String) async throws -> Account? {
        try await APITokenStore(context).account(bearer: token)
    }

    /// Disables or re-enables an account (the operator's `user disable`/`user enable`); disabling ends its sessions
    /// and tokens at once rather than at their next use.
    public func setDisabled(username: String, _ disabled: Bool, by scope: Scope) async throws {
        guard scope.role.administers else { throw AccessDenied() }
        try await context.database.write { db in
            guard let row = try await db.raw("\(unsafeRaw: Self.select) WHERE a.username = \(bind: username)").first(),
                  case let account = try Self.account(row), scope.contains(account.scopePath) else {
                throw StoreError.notFound(Bilingual("没有用户“\(username)”", "No user “\(username)”"))
            }
            try await db.update("accounts").set("disabled", to: SQLBind(disabled ? 1 : 0)).where("id", .equal, SQLBind(account.id)).run()
            if disabled { try await APITokenStore.endAll(accountID: account.id, db: db) }
            try await AuditLog.record(db, scope, disabled ? "disable" : "enable", "account", id: account.id, path: account.scopePath, now: context.clock())
        }
    }

    /// Lets a throttled username sign in again at once (the operator's `user unlock`): the lockout slows a guesser
    /// and must never keep the city administrator out for good.
    public func unlock(username: String, by scope: Scope) async throws {
        guard scope.role.administers else { throw AccessDenied() }
        try await context.database.write { db in
            try await LoginThrottle.clear(username: username, db: db)
            try await AuditLog.record(db, scope, "unlock", "account", id: nil, path: nil, detail: username, now: context.clock())
        }
    }

    /// The account by username (for the command line).
    public func account(username: String) async throws -> Account? {
        try await context.database.read { db in try await Self.account(username: username, db: db) }
    }

    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}

/// bcrypt hashing of passwords; cost 10 keeps a login near 60 ms here while staying expensive to brute-force.
public enum HashedPassword {
    /// The bcrypt hash of `password`.
    public static func make(_ password: String, cost: UInt8 = 10) -> String { Bcrypt.hash(password, cost: cost) }
}

/// Why a login was refused.
public enum LoginError: Error, Sendable {
    case wrongCredentials
    case throttled(minutes: Int)

    /// What the login page says.
    public var message: Bilingual {
        switch self {
        case .wrongCredentials: Bilingual("用户名或密码错误", "Wrong username or password")
        case .throttled(let m): Bilingual("登录失败次数过多，请\(m)分钟后再试", "Too many failed logins; try again in \(m) minutes")
        }
    }
}
