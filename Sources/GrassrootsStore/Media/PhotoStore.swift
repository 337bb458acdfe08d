import Crypto
import Foundation
import GrassrootsCore
import SQLKit

/// A photo's row: what it is, who uploaded it, and the record that holds it (none until that record is written).
public struct Photo: Sendable, Codable, Equatable {
    public let id: Int
    public let sha256: String
    public let contentType: String
    public let bytes: Int
    public let recordID: Int?

    static let columns = ["id", "sha256", "content_type", "bytes", "record_id"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); sha256 = try row.decode(column: "sha256", as: String.self)
        contentType = try row.decode(column: "content_type", as: String.self); bytes = try row.decode(column: "bytes", as: Int.self)
        recordID = try row.decode(column: "record_id", as: Int?.self)
    }
}

/// Photos: checked by their bytes, stripped of metadata (`PhotoBytes`), kept on disk under their SHA-256 (the same
/// photo twice is one file), and shown only to those who may see the record that holds them. A photo is uploaded
/// first, on its own, and the record's write then takes it (`attach`, in the record's transaction), so a report and
/// its photos arrive whole or not at all. Photos no record took within a day are swept, and a file goes when no row
/// names it.
public struct PhotoStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The limits, set by the operator through the environment: photos on one record (1–10, default 3) and the size
    /// of one photo after the browser's resize (1–20 MB, default 8).
    public static let perRecord = Self.setting("GRASSROOTS_PHOTOS_PER_RECORD", 1...10, default: 3)
    public static let maxBytes = Self.setting("GRASSROOTS_PHOTO_MAX_MB", 1...20, default: 8) * 1024 * 1024

    static func setting(_ name: String, _ range: ClosedRange<Int>, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init).map { min(max($0, range.lowerBound), range.upperBound) } ?? value
    }

    /// Keeps one uploaded photo for the uploader; what is kept is the cleaned copy.
    public func upload(_ bytes: [UInt8], scope: Scope) async throws -> Photo {
        guard scope.accountID != 0 else { throw AccessDenied() }
        let file = try keep(bytes)
        let now = context.nowText
        return try await context.database.write { db in
            let row = try await db.insert(into: "photos").columns("sha256", "content_type", "bytes", "uploaded_by", "uploaded_at")
                .values(SQLBind(file.sha256), SQLBind(file.format.contentType), SQLBind(file.bytes), SQLBind(scope.accountID), SQLBind(now))
                .returning(Photo.columns.map { SQLColumn($0) }).first()
            guard let row else { throw StoreError.unavailable("the photo row was not returned") }
            return try Photo(row: row)
        }
    }

    /// A photo's file, cleaned and on disk, before any row names it.
    public struct Kept: Sendable { public let format: PhotoFormat; public let sha256: String; public let bytes: Int }

    /// Checks, cleans and stores one photo's bytes; the row is the caller's (`upload`, or a record taking it at once).
    public func keep(_ bytes: [UInt8]) throws -> Kept {
        guard bytes.count <= Self.maxBytes else {
            throw ValidationError("photo", Bilingual("照片不能超过 \(Self.maxBytes / 1024 / 1024) MB", "A photo is at most \(Self.maxBytes / 1024 / 1024) MB"))
        }
        let (format, clean) = try PhotoBytes.clean(bytes)
        let sha = SHA256.hash(data: clean).map { String(format: "%02x", $0) }.joined()
        try write(clean, sha: sha)
        return Kept(format: format, sha256: sha, bytes: clean.count)
    }

    /// Photos that come with the record that holds them (an Open311 request's media), from another system's key.
    static func add(_ files: [Kept], kind: String, recordID: Int, path: String, keyID: Int, now: String, db: any SQLDatabase) async throws {
        guard files.count <= perRecord else {
            throw ValidationError("media", Bilingual("每条记录最多 \(perRecord) 张照片", "At most \(perRecord) photos on one record"))
        }
        for file in files {
            try await db.insert(into: "photos").columns("sha256", "content_type", "bytes", "open311_key_id", "uploaded_at", "record_kind", "record_id", "path")
                .values(SQLBind(file.sha256), SQLBind(file.format.contentType), SQLBind(file.bytes), SQLBind(keyID), SQLBind(now), SQLBind(kind),
                        SQLBind(recordID), SQLBind(path)).run()
        }
    }

    /// Gives the uploader's loose photos `ids` to a record, inside the record's own transaction; any that is not
    /// theirs, not loose, or over the limit refuses the whole write.
    static func attach(_ ids: [Int], kind: String, recordID: Int, path: String, scope: Scope, db: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        guard Set(ids).count <= perRecord else {
            throw ValidationError("photos", Bilingual("每条记录最多 \(perRecord) 张照片", "At most \(perRecord) photos on one record"))
        }
        let taken = try await db.raw("""
            UPDATE photos SET record_kind = \(bind: kind), record_id = \(bind: recordID), path = \(bind: path)
            WHERE id IN (\(binds: Array(Set(ids)))) AND uploaded_by = \(bind: scope.accountID) AND record_id IS NULL RETURNING id
            """).all()
        guard taken.count == Set(ids).count else {
            throw ValidationError("photos", Bilingual("照片已失效或不是本人上传，请重新选择照片", "A photo has expired or was not uploaded by you; choose the photos again"))
        }
    }

    /// Who sees a photo: the roles that read the registry, those on records in their scope and their own loose ones; a
    /// department's officer, the steps' photos of the summons calling their department; every other role (a resident)
    /// the ones they uploaded.
    static func visible(_ scope: Scope) -> SQLQueryString {
        if scope.role == .departmentOfficer {
            return """
                (uploaded_by = \(bind: scope.accountID) OR (record_kind = 'summons_step' AND record_id IN (SELECT e.id FROM summons_events e
                  JOIN summons_targets t ON t.summons_id = e.summons_id WHERE t.department_id = \(bind: scope.departmentID ?? 0))))
                """
        }
        return !scope.role.readsHouseholdRows ? "uploaded_by = \(bind: scope.accountID)"
            : "((path >= \(bind: scope.path) AND path < \(bind: scope.upperBound)) OR (record_id IS NULL AND uploaded_by = \(bind: scope.accountID)))"
    }

    /// The photos a record holds, to those who may see them.
    public func photos(kind: String, recordID: Int, scope: Scope) async throws -> [Photo] {
        try await photos(kind: kind, recordIDs: [recordID], scope: scope)[recordID] ?? []
    }

    /// The photos of several records of one kind (a timeline's steps), by record.
    public func photos(kind: String, recordIDs: [Int], scope: Scope) async throws -> [Int: [Photo]] {
        guard !recordIDs.isEmpty else { return [:] }
        let rows = try await context.database.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Photo.columns.joined(separator: ", ")) FROM photos
                WHERE record_kind = \(bind: kind) AND record_id IN (\(binds: recordIDs)) AND \(Self.visible(scope)) ORDER BY id
                """).all().map(Photo.init)
        }
        return Dictionary(grouping: rows) { $0.recordID ?? 0 }
    }

    /// One photo and its bytes: a record's photo to those whose scope holds the record; a loose one to its uploader.
    public func file(_ id: Int, scope: Scope) async throws -> (Photo, Data) {
        let row = try await context.database.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Photo.columns.joined(separator: ", ")) FROM photos WHERE id = \(bind: id) AND \(Self.visible(scope))
                """).first()
        }
        guard let row else { throw StoreError.notFound(Bilingual("找不到该照片（编号 \(id)）", "No photo with id \(id) for you")) }
        let photo = try Photo(row: row)
        guard let data = FileManager.default.contents(atPath: location(photo.sha256).path) else {
            throw StoreError.notFound(Bilingual("照片文件已不在存储中（编号 \(id)）", "The file of photo \(id) is missing from storage"))
        }
        return (photo, data)
    }

    /// Takes a photo off its record (a face, a door number that should not have been kept), with the reason in the audit
    /// log; its file goes at once when no other photo names it. Field staff who may see the photo may remove it.
    public func remove(_ id: Int, reason: String, scope: Scope) async throws -> Photo {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        let reason = reason.trimmed
        guard (2...200).contains(reason.count) else {
            throw ValidationError("reason", Bilingual("请写明移除原因（2–200字）", "Say why the photo is removed (2–200 characters)"))
        }
        let now = context.clock()
        let (photo, left) = try await context.database.write { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: Photo.columns.joined(separator: ", ")), path FROM photos WHERE id = \(bind: id) AND \(Self.visible(scope))
                """).first() else { throw StoreError.notFound(Bilingual("找不到该照片（编号 \(id)）", "No photo with id \(id) for you")) }
            let photo = try Photo(row: row)
            try await db.raw("DELETE FROM photos WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, scope, "remove", "photo", id: id, path: try row.decode(column: "path", as: String?.self), detail: reason, now: now)
            let left = try await db.raw("SELECT COUNT(*) AS n FROM photos WHERE sha256 = \(bind: photo.sha256)").first()!.decode(column: "n", as: Int.self)
            return (photo, left)
        }
        if left == 0 { try? FileManager.default.removeItem(at: location(photo.sha256)) }
        return photo
    }

    /// Deletes the loose photos older than a day and every file no row names; returns how many rows went.
    public func sweep() async throws -> Int {
        let before = Timestamp.format(context.clock().addingTimeInterval(-86_400))
        let (gone, kept) = try await context.database.write { db in
            let gone = try await db.raw("DELETE FROM photos WHERE record_id IS NULL AND uploaded_at < \(bind: before) RETURNING sha256").all().count
            let kept = try await db.raw("SELECT DISTINCT sha256 FROM photos").all().map { try $0.decode(column: "sha256", as: String.self) }
            return (gone, Set(kept))
        }
        let folder = context.photoFolder
        for shard in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(shard).path)) ?? [] where !kept.contains(name) {
                // A file an hour old at least: a newer one may be an upload whose row is not written yet.
                let url = folder.appendingPathComponent(shard).appendingPathComponent(name)
                let written = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantFuture
                if written < context.clock().addingTimeInterval(-3600) { try? FileManager.default.removeItem(at: url) }
            }
        }
        return gone
    }

    /// `ab/abcdef…`: a folder per first byte keeps any one folder small.
    func location(_ sha: String) -> URL { context.photoFolder.appendingPathComponent(String(sha.prefix(2))).appendingPathComponent(sha) }

    /// Written whole under a temporary name and then renamed, so a crash never leaves half a photo under its hash.
    func write(_ bytes: [UInt8], sha: String) throws {
        let target = location(sha)
        // Already there: the same photo again. Its time is renewed, so the sweep (which spares files younger than an
        // hour) cannot take it before the new row names it.
        guard !FileManager.default.fileExists(atPath: target.path) else {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: target.path)
            return
        }
        do {
            try FileManager.default.createDirectory(at: context.photoFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(sha).\(UUID().uuidString)")
            try Data(bytes).write(to: temporary)
            do { try FileManager.default.moveItem(at: temporary, to: target) } catch {
                try? FileManager.default.removeItem(at: temporary)
                if !FileManager.default.fileExists(atPath: target.path) { throw error }  // else the same photo just landed twice
            }
        } catch {
            throw StoreError.unavailable("cannot write the photo file: \(error)")
        }
    }
}
