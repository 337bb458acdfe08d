import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Photo upload (`POST /api/v1/photos`, multipart `photo` parts, with a session's CSRF header or an API token) and
/// photo display (`GET /photos/{id}`, to those who may see the record that holds it). A record's write names the
/// uploaded ids; until then a photo is its uploader's alone.
struct PhotoRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.post("/api/v1/photos", .signedIn(\.reportsFieldWork, .ownAccount).or(.signedIn([.resident, .departmentOfficer], .ownAccount))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let parts = try await MultipartBody.read(request, files: "photo", limit: PhotoStore.perRecord).files
            guard !parts.isEmpty else { throw ValidationError("photo", Bilingual("请选择至少一张照片", "Choose at least one photo")) }
            var kept: [PhotoJSON] = []
            for part in parts { kept.append(PhotoJSON(try await stores.photos.upload(part, scope: scope))) }
            return JSONBody.response(["photos": kept], status: .created)
        }
        router.post("/photos/:id/remove", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let back = LocalPath.validated(form["back"]) ?? "/"
            return try await FormErrors.submit(context, redirect: back, flash: Bilingual("照片已移除，原因已记入审计日志", "Photo removed; the reason is in the audit log"), {
                _ = try await stores.photos.remove(try context.parameters.require("id", as: Int.self), reason: form["reason"] ?? "", scope: try context.scope())
            }, page: { errors in
                HTML.response(Layout.page(title: context.t("移除照片", "Remove a photo"), context: context,
                                          body: HTML.errorBox(errors) + "<p><a href=\"\(url: back)\">\(context.t("返回", "Back"))</a></p>"), status: .unprocessableContent)
            })
        }
        router.get("/photos/:id", .signedIn(\.readsHouseholdRows, .unitInScope).or(.signedIn([.resident], .ownAccount))
                    .or(.signedIn([.departmentOfficer], .ownDepartment))) { _, context in
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
}
