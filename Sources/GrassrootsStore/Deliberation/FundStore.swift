import Foundation
import GrassrootsCore
import SQLKit

/// One entry of a community fund's ledger, with the balance it left.
public struct FundEntry: Sendable, Codable, Equatable {
    public let id: Int
    public let kind: FundEntryKind
    public let amountFen: Int
    public let direction: Int
    public let party: String
    public let topicID: Int?
    public let topicTitle: String?
    public let project: String?
    public let reversesID: Int?
    public let reversedBy: Int?
    public let memo: String
    public let balanceAfterFen: Int
    public let createdAt: Date
}

/// A community fund's public account: totals, balance and every entry.
public struct FundLedger: Sendable, Codable, Equatable {
    public let communityID: Int
    public let communityName: String
    public let communityCode: String?
    public let incomeFen: Int
    public let spendingFen: Int
    public let balanceFen: Int
    public let entries: [FundEntry]
}

/// The community development fund (社区发展基金): an append-only ledger per community whose balance, kept in one
/// row updated in the same transaction as each entry, can never go below zero — on PostgreSQL the row lock orders
/// concurrent entries, on SQLite the single writer does, and the guarded update refuses what would overdraw.
public struct FundStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Records income (donation, grant) or a disbursement, which must name an adopted resolution of the community or
    /// a project.
    public func record(communityID: Int, kind: String, amount: String, party: String, topicID: Int? = nil, project: String = "", memo: String = "",
                       scope: Scope) async throws -> FundEntry {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        let kind = FundEntryKind.pick(kind, field: "kind", names: Bilingual("类型", "Kind"), &v)
        v.check(kind != .reversal, "kind", Bilingual("冲销请在原记录上操作", "Reverse an entry from the entry itself"))
        let fen = Money.fen(amount)
        v.check(fen != nil, "amount", Bilingual("金额应为大于0的数字，最多两位小数", "The amount must be a positive number with at most two decimals"))
        v.check((1...100).contains(party.trimmed.count), "party", Bilingual("请填写捐赠方、拨款方或收款方（最多100字）", "Name who gave or was paid (at most 100 characters)"))
        v.check(memo.trimmed.count <= 500, "memo", Bilingual("说明最多500字", "The memo takes at most 500 characters"))
        if kind == .disbursement {
            v.check(topicID != nil || !project.trimmed.isEmpty, "topic_id", Bilingual("支出须对应议事决议或项目", "A disbursement must name a resolution or a project"))
        }
        try v.finish()
        return try await context.database.write { db in
            let community = try await Self.community(communityID, scope: scope, db: db)
            if kind == .disbursement, let topicID {
                let topic = try await CouncilStore.topic(topicID, scope: Scope(path: community.path, role: .cityAdmin, accountID: 0, username: ""), db: db)
                guard [.publicized, .inProgress, .done].contains(topic.status) else {
                    throw ValidationError("topic_id", Bilingual("所选议题尚无通过并公示的决议", "That topic has no adopted, published resolution"))
                }
            }
            return try await Self.append(db, community: community, kind: kind!, fen: fen!, party: party.trimmed, topicID: kind == .disbursement ? topicID : nil,
                                         project: project.trimmed.isEmpty ? nil : project.trimmed, reverses: nil, memo: memo.trimmed, scope: scope, now: context.clock())
        }
    }

    /// Undoes an entry with one of the opposite direction; an entry is reversed at most once, and reversing income
    /// that has already been spent is refused like any overdraft.
    public func reverse(_ entryID: Int, memo: String, scope: Scope) async throws -> FundEntry {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        guard (2...500).contains(memo.trimmed.count) else { throw ValidationError("memo", Bilingual("请说明冲销原因", "Say why the entry is reversed")) }
        return try await context.database.write { db in
            guard let row = try await db.raw("SELECT community_id, kind, amount_fen, direction, party FROM fund_entries WHERE id = \(bind: entryID)").first() else {
                throw StoreError.notFound(Bilingual("没有编号为 \(entryID) 的记录", "No entry \(entryID)"))
            }
            let community = try await Self.community(try row.decode(column: "community_id", as: Int.self), scope: scope, db: db)
            guard try row.decode(column: "kind", as: String.self) != FundEntryKind.reversal.rawValue else {
                throw StoreError.conflict(Bilingual("冲销记录不能再冲销", "A reversal cannot be reversed"))
            }
            let reversed = try await db.select().column("id").from("fund_entries").where("reverses_id", .equal, SQLBind(entryID)).first()
            guard reversed == nil else { throw StoreError.conflict(Bilingual("该记录已冲销", "This entry has already been reversed")) }
            return try await Self.append(db, community: community, kind: .reversal, fen: try row.decode(column: "amount_fen", as: Int.self),
                                         party: try row.decode(column: "party", as: String.self), topicID: nil, project: nil, reverses: entryID, memo: memo.trimmed,
                                         scope: scope, now: context.clock(), direction: -(try row.decode(column: "direction", as: Int.self)))
        }
    }

    /// The public account of a community, by its division code: anyone may read it.
    public func ledger(code: String) async throws -> FundLedger {
        try await context.database.read { db in
            guard let row = try await db.select().columns(TerritoryUnit.columns).from("units").where("code", .equal, SQLBind(code))
                .where("kind", .equal, SQLBind(UnitKind.community.rawValue)).first() else {
                throw StoreError.notFound(Bilingual("没有代码为 \(code) 的社区", "No community with code \(code)"))
            }
            let community = try TerritoryUnit(row: row)
            let totals = try await db.raw("SELECT balance_fen, income_fen, spending_fen FROM fund_balances WHERE community_id = \(bind: community.id)").first()
            let entries = try await db.raw("""
                SELECT e.id, e.kind, e.amount_fen, e.direction, e.party, e.topic_id, t.title AS topic_title, e.project, e.reverses_id, e.memo, e.balance_after_fen,
                       e.created_at, (SELECT r.id FROM fund_entries r WHERE r.reverses_id = e.id) AS reversed_by
                FROM fund_entries e LEFT JOIN topics t ON t.id = e.topic_id WHERE e.community_id = \(bind: community.id) ORDER BY e.id
                """).all().map { row in
                    FundEntry(id: try row.decode(column: "id", as: Int.self), kind: FundEntryKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .donation,
                              amountFen: try row.decode(column: "amount_fen", as: Int.self), direction: try row.decode(column: "direction", as: Int.self),
                              party: try row.decode(column: "party", as: String.self), topicID: try row.decode(column: "topic_id", as: Int?.self),
                              topicTitle: try row.decode(column: "topic_title", as: String?.self), project: try row.decode(column: "project", as: String?.self),
                              reversesID: try row.decode(column: "reverses_id", as: Int?.self), reversedBy: try row.decode(column: "reversed_by", as: Int?.self),
                              memo: try row.decode(column: "memo", as: String.self), balanceAfterFen: try row.decode(column: "balance_after_fen", as: Int.self),
                              createdAt: try row.date("created_at")!)
                }
            return FundLedger(communityID: community.id, communityName: community.name, communityCode: community.code,
                              incomeFen: try totals?.decode(column: "income_fen", as: Int.self) ?? 0, spendingFen: try totals?.decode(column: "spending_fen", as: Int.self) ?? 0,
                              balanceFen: try totals?.decode(column: "balance_fen", as: Int.self) ?? 0, entries: entries)
        }
    }

    static func community(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> TerritoryUnit {
        let unit = try await UnitStore.unit(id, scope: scope, db: db)
        guard unit.kind == .community else { throw ValidationError("community_id", Bilingual("基金按社区记账，请选择社区", "Funds are kept per community: choose one")) }
        return unit
    }

    /// Moves the balance (refusing an overdraft in the same statement) and appends the entry with the balance it left.
    static func append(_ db: any SQLDatabase, community: TerritoryUnit, kind: FundEntryKind, fen: Int, party: String, topicID: Int?, project: String?, reverses: Int?,
                       memo: String, scope: Scope, now: Date, direction: Int? = nil) async throws -> FundEntry {
        let direction = direction ?? kind.direction
        let delta = direction * fen
        try await db.raw("INSERT INTO fund_balances (community_id, balance_fen) VALUES (\(bind: community.id), 0) ON CONFLICT (community_id) DO NOTHING").run()
        // Income and spending count what came in and went out; a reversal takes back from the side it reverses.
        let income = direction > 0 && kind != .reversal ? fen : (kind == .reversal && direction < 0 ? -fen : 0)
        let spending = direction < 0 && kind != .reversal ? fen : (kind == .reversal && direction > 0 ? -fen : 0)
        guard let balance = try await db.raw("""
            UPDATE fund_balances SET balance_fen = balance_fen + \(bind: delta), income_fen = income_fen + \(bind: income), spending_fen = spending_fen + \(bind: spending)
            WHERE community_id = \(bind: community.id) AND balance_fen + \(bind: delta) >= 0 RETURNING balance_fen
            """).first()?.decode(column: "balance_fen", as: Int.self) else {
            throw ValidationError("amount", Bilingual("余额不足：支出或冲销后余额不能为负", "Not enough in the fund: the balance cannot go below zero"))
        }
        let id = try await db.insert(into: "fund_entries")
            .columns("community_id", "path", "kind", "amount_fen", "direction", "party", "topic_id", "project", "reverses_id", "memo", "balance_after_fen", "created_by", "created_at")
            .values(SQLBind(community.id), SQLBind(community.path), SQLBind(kind.rawValue), SQLBind(fen), SQLBind(direction), SQLBind(party), SQLBind(topicID),
                    SQLBind(project), SQLBind(reverses), SQLBind(memo), SQLBind(balance), SQLBind(scope.username), SQLBind(Timestamp.format(now)))
            .returning("id").first()!.decode(column: "id", as: Int.self)
        try await AuditLog.record(db, scope, kind.rawValue, "fund_entry", id: id, path: community.path, detail: "\(delta)", now: now)
        return FundEntry(id: id, kind: kind, amountFen: fen, direction: direction, party: party, topicID: topicID, topicTitle: nil, project: project,
                         reversesID: reverses, reversedBy: nil, memo: memo, balanceAfterFen: balance, createdAt: now)
    }
}
