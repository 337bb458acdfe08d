import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird
import MultipartKit

/// Photo upload (`POST /api/v1/photos`, multipart `photo` parts, with a session's CSRF header or an API token) and
/// photo display (`GET /photos/{id}`, to those who may see the record that holds it). A record's write names the
/// uploaded ids; until then a photo is its uploader's alone.
struct PhotoRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.post("/api/v1/photos", .signedIn(\.reportsFieldWork, .ownAccount).or(.signedIn([.resident], .ownAccount))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let parts = try await Self.photoParts(request, limit: PhotoStore.perRecord)
            var kept: [PhotoJSON] = []
            for part in parts { kept.append(PhotoJSON(try await stores.photos.upload(part, scope: scope))) }
            return JSONBody.response(["photos": kept], status: .created)
        }
        router.get("/photos/:id", .signedIn(\.readsHouseholdRows, .unitInScope).or(.signedIn([.resident], .ownAccount))) { _, context in
            let (photo, data) = try await stores.photos.file(try context.parameters.require("id", as: Int.self), scope: try context.scope())
            // Private: only this browser may keep it; its id never shows another picture, so a day is safe.
            return Response(status: .ok, headers: [.contentType: photo.contentType, .cacheControl: "private, max-age=86400", .contentDisposition: "inline"],
                            body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }

    struct PhotoJSON: Encodable {
        let id: Int, url: String, bytes: Int, contentType: String
        init(_ photo: Photo) { id = photo.id; url = "/photos/\(photo.id)"; bytes = photo.bytes; contentType = photo.contentType }
    }

    /// The bytes of each `photo` part of a multipart body, at most `limit` of them and each within the size limit.
    static func photoParts(_ request: Request, limit: Int) async throws -> [[UInt8]] {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = parameter("boundary", of: type), !boundary.isEmpty else {
            throw ValidationError("photo", Bilingual("请以 multipart/form-data 上传照片（字段名 photo）", "Upload photos as multipart/form-data (field name photo)"))
        }
        var request = request
        let body = try await request.collectBody(limit: limit * PhotoStore.maxBytes + 64 * 1024)
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in if name.lowercased() == "content-disposition" { collector.name = parameter("name", of: value) } }
        parser.onBody = { buffer in collector.bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = { collector.complete() }
        do { try parser.execute(body) } catch {
            throw ValidationError("photo", Bilingual("上传内容不是有效的 multipart/form-data", "The upload is not valid multipart/form-data"))
        }
        guard !collector.photos.isEmpty else { throw ValidationError("photo", Bilingual("请选择至少一张照片", "Choose at least one photo")) }
        guard collector.photos.count <= limit, collector.parts <= limit + 4 else {
            throw ValidationError("photo", Bilingual("一次最多上传 \(limit) 张照片", "At most \(limit) photos at a time"))
        }
        return collector.photos
    }

    /// A header parameter (`name="photo"`, `boundary=...`), quoted or not.
    static func parameter(_ name: String, of header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// Gathers parts as the parser reports them (its callbacks run one after another, on this task).
    final class Collector {
        var name: String?, bytes: [UInt8] = [], photos: [[UInt8]] = [], parts = 0
        func complete() {
            parts += 1
            if name == "photo" { photos.append(bytes) }
            name = nil; bytes = []
        }
    }
}
