import Foundation
import GrassrootsCore
@testable import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Photos over HTTP: uploaded as multipart with the session's token, kept without their GPS position, taken by a
/// report, and shown only to those who may see the report's household.
@Suite struct PhotoWebTests {
    typealias W = CoordinationWebTests

    static func multipart(_ parts: [(name: String, filename: String, type: String, bytes: [UInt8])], boundary: String = "grassroots-test-boundary") -> ByteBuffer {
        var body: [UInt8] = []
        for p in parts {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(p.name)\"; filename=\"\(p.filename)\"\r\nContent-Type: \(p.type)\r\n\r\n".utf8)
            body += p.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func upload(_ client: some TestClientProtocol, as browser: W.Browser, _ body: ByteBuffer) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/photos", method: .post, headers: [
            .cookie: browser.cookie, .init("X-CSRF-Token")!: browser.csrf, .contentType: "multipart/form-data; boundary=grassroots-test-boundary",
        ], body: body)
    }

    static func ids(_ response: TestResponse) throws -> [Int] {
        let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return (json?["photos"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    @Test func aReportTakesItsPhotosWithoutTheirPositionAndOnlyItsScopeSeesThem() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let mine = try await ReportOutboxWebTests.gegesFirstAssignment(context)
        let elsewhere = try await AuthorizationTests.id(context, """
            SELECT MIN(a.id) AS n FROM assignments a WHERE a.path NOT LIKE (SELECT path FROM units WHERE code = '513401001003001') || '%'
            """)
        try await app.test(.router) { client in
            let gege = try await W.browser(client, "gege"), admin = try await W.browser(client, "admin")
            let photo = PhotoBytesTests.jpeg()
            let uploaded = try await Self.upload(client, as: gege, Self.multipart([("photo", "IMG_0001.jpg", "image/jpeg", photo)]))
            #expect(uploaded.status == .created)
            let id = try #require(try Self.ids(uploaded).first)
            // What is kept on disk has no GPS position: checked on the stored file itself.
            let sha = try await context.database.read { db in try await db.raw("SELECT sha256 FROM photos WHERE id = \(bind: id)").first()!.decode(column: "sha256", as: String.self) }
            let stored = try #require(FileManager.default.contents(atPath: context.photoFolder.appendingPathComponent(String(sha.prefix(2))).appendingPathComponent(sha).path))
            #expect(!PhotoBytesTests.contains(Array(stored), "GPS") && stored.starts(with: [0xFF, 0xD8]))

            // The report names it; the household's page shows it.
            let posted = try await W.post(client, "/assignments/\(mine)", as: gege, [("key", "photo-\(UUID().uuidString)"), ("outcome", "absent"), ("photo", "\(id)")])
            #expect(posted.status == .seeOther)
            let (_, page) = try await W.get(client, "/assignments/\(mine)", as: gege)
            #expect(page.contains("<img src=\"/photos/\(id)\""))
            let served = try await client.execute(uri: "/photos/\(id)", method: .get, headers: [.cookie: gege.cookie])
            #expect(served.status == .ok && served.headers[.contentType] == "image/jpeg" && Array(buffer: served.body) == Array(stored))

            // A photo of another grid's household: the admin's, on a report there. gege is not told it exists.
            let theirs = try #require(try Self.ids(try await Self.upload(client, as: admin, Self.multipart([("photo", "a.jpg", "image/jpeg", PhotoBytesTests.jpeg(gps: false))]))).first)
            #expect(try await W.post(client, "/assignments/\(elsewhere)", as: admin, [("key", "photo-\(UUID().uuidString)"), ("outcome", "absent"), ("photo", "\(theirs)")]).status == .seeOther)
            let refused = try await client.execute(uri: "/photos/\(theirs)", method: .get, headers: [.cookie: gege.cookie])
            #expect(refused.status == .notFound || refused.status == .forbidden)
            #expect(try await client.execute(uri: "/photos/\(theirs)", method: .get, headers: [.cookie: admin.cookie]).status == .ok)
        }
    }

    @Test func badUploadsAreRefusedClearlyAndAReportWithAForeignPhotoIsNotWritten() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let mine = try await ReportOutboxWebTests.gegesFirstAssignment(context)
        try await app.test(.router) { client in
            let gege = try await W.browser(client, "gege"), datongmen = try await W.browser(client, "datongmen")
            // A text file named and typed as a JPEG is judged by its bytes.
            let renamed = try await Self.upload(client, as: gege, Self.multipart([("photo", "IMG_0002.jpg", "image/jpeg", Array("I am not a picture".utf8))]))
            #expect(renamed.status == .unprocessableContent && String(buffer: renamed.body).contains("只接受 JPEG、PNG 或 WebP"))
            let many = Array(repeating: (name: "photo", filename: "p.jpg", type: "image/jpeg", bytes: PhotoBytesTests.jpeg()), count: PhotoStore.perRecord + 1)
            let tooMany = try await Self.upload(client, as: gege, Self.multipart(many))
            #expect(tooMany.status == .unprocessableContent && String(buffer: tooMany.body).contains("最多"))
            let notMultipart = try await client.execute(uri: "/api/v1/photos", method: .post, headers: [
                .cookie: gege.cookie, .init("X-CSRF-Token")!: gege.csrf, .contentType: "image/jpeg"], body: ByteBuffer(bytes: PhotoBytesTests.jpeg()))
            #expect(notMultipart.status == .unprocessableContent && String(buffer: notMultipart.body).contains("multipart/form-data"))
            let noToken = try await client.execute(uri: "/api/v1/photos", method: .post, headers: [
                .cookie: gege.cookie, .contentType: "multipart/form-data; boundary=grassroots-test-boundary"],
                body: Self.multipart([("photo", "p.jpg", "image/jpeg", PhotoBytesTests.jpeg())]))
            #expect(noToken.status == .forbidden)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM photos") == 0, "nothing refused was kept")

            // datongmen's photo is not gege's to use: the report is refused whole, the assignment unchanged.
            let before = try await AuthorizationTests.id(context, "SELECT revision AS n FROM assignments WHERE id = \(mine)")
            let foreign = try #require(try Self.ids(try await Self.upload(client, as: datongmen, Self.multipart([("photo", "p.jpg", "image/jpeg", PhotoBytesTests.jpeg())]))).first)
            let key = "photo-\(UUID().uuidString)"
            let response = try await W.post(client, "/assignments/\(mine)", as: gege, [("key", key), ("outcome", "absent"), ("photo", "\(foreign)")])
            #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("照片已失效或不是本人上传"))
            #expect(try await AuthorizationTests.id(context, "SELECT revision AS n FROM assignments WHERE id = \(mine)") == before)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM submissions WHERE idempotency_key = '\(key)'") == 0)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM photos WHERE id = \(foreign) AND record_id IS NULL") == 1)
        }
    }
}

extension PhotoWebTests {
    /// A photo no report took is its uploader's for a day, then swept with its file; a file a report holds stays.
    @Test func loosePhotosAreSweptAfterADayAndTakenOnesStay() async throws {
        let (_, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let gege = Scope(path: try await UnitStore(context).unit(code: "513401001003001", scope: .system).path, role: .gridWorker,
                         accountID: try await AuthorizationTests.id(context, "SELECT id AS n FROM accounts WHERE username = 'gege'"), username: "gege")
        let mine = try await ReportOutboxWebTests.gegesFirstAssignment(context)
        let taken = try await PhotoStore(context).upload(PhotoBytesTests.jpeg(), scope: gege)
        _ = try await AssignmentStore(context).submit(Submission(key: "sweep-\(UUID().uuidString)", assignmentID: mine, outcome: "absent", photos: [taken.id]), scope: gege)
        let loose = try await PhotoStore(context).upload(PhotoBytesTests.png(), scope: gege)
        let file = { (p: Photo) in PhotoStore(context).location(p.sha256).path }
        #expect(try await PhotoStore(context).sweep() == 0, "a fresh upload is kept for its report")
        // Two days on (the files' own age is set back too), the loose one goes with its file.
        let later = context.at(Date().addingTimeInterval(2 * 86_400))
        for p in [taken, loose] { try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: file(p)) }
        #expect(try await PhotoStore(later).sweep() == 1)
        #expect(FileManager.default.fileExists(atPath: file(taken)) && !FileManager.default.fileExists(atPath: file(loose)))
        #expect(try await PhotoStore(later).photos(kind: "assignment", recordID: mine, scope: gege).map(\.id) == [taken.id])
        await #expect(throws: StoreError.self) { try await PhotoStore(later).file(loose.id, scope: gege) }
    }
}

extension PhotoWebTests {
    /// A resident's request carries a photo: the staff of its place see it, the resident sees their own, and a resident
    /// sees no photo of anyone else's record, even in their own community.
    @Test func aResidentsRequestCarriesAPhotoThatItsHandlersAndTheResidentSee() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let community = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let noise = try await AuthorizationTests.id(context, "SELECT id AS n FROM request_categories WHERE service_code = 'noise'")
        let report = try await ReportOutboxWebTests.gegesFirstAssignment(context)
        try await app.test(.router) { client in
            let resident = try await W.browser(client, "jumin"), gege = try await W.browser(client, "gege")
            #expect(try await W.get(client, "/requests/new", as: resident).1.contains("class=\"photo-input\""))
            let photo = try #require(try Self.ids(try await Self.upload(client, as: resident, Self.multipart([("photo", "smoke.png", "image/png", PhotoBytesTests.png())]))).first)
            // A form refused for another reason keeps the photo already uploaded.
            let refused = try await W.post(client, "/requests", as: resident, [("kind", "complaint"), ("category_id", "\(noise)"), ("unit_id", "\(community)"),
                                                                             ("description", "吵"), ("photo", "\(photo)")])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("<input type=\"hidden\" name=\"photo\" value=\"\(photo)\">"))
            let filed = try await W.post(client, "/requests", as: resident, [("kind", "complaint"), ("category_id", "\(noise)"), ("unit_id", "\(community)"),
                                                                           ("description", "楼下烧烤店油烟和噪音到凌晨"), ("photo", "\(photo)")])
            let location = try #require(filed.headers[.location])
            for viewer in [resident, gege] {
                #expect(try await W.get(client, location, as: viewer).1.contains("<img src=\"/photos/\(photo)\""))
                #expect(try await client.execute(uri: "/photos/\(photo)", method: .get, headers: [.cookie: viewer.cookie]).status == .ok)
            }
            // gege's report photo, in the resident's own community: not the resident's to see.
            let theirs = try #require(try Self.ids(try await Self.upload(client, as: gege, Self.multipart([("photo", "p.jpg", "image/jpeg", PhotoBytesTests.jpeg())]))).first)
            #expect(try await W.post(client, "/assignments/\(report)", as: gege, [("key", "photo-\(UUID().uuidString)"), ("outcome", "absent"), ("photo", "\(theirs)")]).status == .seeOther)
            let hidden = try await client.execute(uri: "/photos/\(theirs)", method: .get, headers: [.cookie: resident.cookie])
            #expect(hidden.status == .notFound || hidden.status == .forbidden)
        }
    }
}

extension PhotoWebTests {
    /// Open311: a client posts a request with its photo in `media` (multipart); `media_url` names it; the photo is read
    /// by those who may read the request: anyone for one listed publicly, else only the key that filed it.
    @Test func open311TakesMediaAndGivesMediaURLsToTheRequestsReaders() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let key = try await Open311Store(context).createKey(name: "照片客户端", unitID: street.id, scope: .system)
        try await app.test(.router) { client in
            func post(_ service: String, _ media: [UInt8]) async throws -> TestResponse {
                var body: [UInt8] = []
                for (name, value) in [("api_key", key), ("service_code", service), ("description", "楼道堆放杂物堵住消防通道"), ("address_id", "513401001003")] {
                    body += Array("--b\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
                }
                body += Array("--b\r\nContent-Disposition: form-data; name=\"media\"; filename=\"IMG_7.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8) + media
                body += Array("\r\n--b--\r\n".utf8)
                return try await client.execute(uri: "/open311/v2/requests.json", method: .post, headers: [.contentType: "multipart/form-data; boundary=b"],
                                                body: ByteBuffer(bytes: body))
            }
            func mediaURL(_ id: String, key: String?) async throws -> String {
                let read = try await client.execute(uri: "/open311/v2/requests/\(id).json", method: .get, headers: key.map { [.init("X-Api-Key")!: $0] } ?? [:])
                return ((try JSONSerialization.jsonObject(with: Data(buffer: read.body)) as? [[String: Any]])?.first?["media_url"] as? String) ?? ""
            }
            func id(_ posted: TestResponse) throws -> String {
                try #require((try JSONSerialization.jsonObject(with: Data(buffer: posted.body)) as? [[String: Any]])?.first?["service_request_id"] as? String)
            }
            let before = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM requests")
            let renamed = try await post("noise", Array("not a picture at all".utf8))
            #expect(renamed.status == .badRequest && String(buffer: renamed.body).contains("only JPEG, PNG and WebP"))
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM requests") == before, "a refused photo files nothing")

            // Noise complaints are not public: only the filing key reads the request, and its photo.
            let noise = try await post("noise", PhotoBytesTests.jpeg())
            #expect(noise.status == .created)
            let url = try await mediaURL(try id(noise), key: key)
            let path = try #require(url.firstRange(of: "/open311/v2/media/").map { String(url[$0.lowerBound...]) }, "media_url: \(url)")
            #expect(url.hasPrefix("http"))
            let served = try await client.execute(uri: path, method: .get, headers: [.init("X-Api-Key")!: key])
            #expect(served.status == .ok && served.headers[.contentType] == "image/jpeg" && !PhotoBytesTests.contains(Array(buffer: served.body), "GPS"))
            #expect(try await client.execute(uri: path, method: .get).status == .notFound, "the public does not see a request not listed")

            // Roads are public: the public list names the photo and anyone may open it.
            let road = try await post("road", PhotoBytesTests.png())
            let publicURL = try await mediaURL(try id(road), key: nil)
            let publicPath = try #require(publicURL.firstRange(of: "/open311/v2/media/").map { String(publicURL[$0.lowerBound...]) })
            #expect(try await client.execute(uri: publicPath, method: .get).status == .ok)
        }
    }
}

extension PhotoWebTests {
    /// A summons step's evidence and a council meeting's photos: each shown on its record's page, to the street and to
    /// the called department's officer for a summons, to the community's staff for a meeting; not to a resident.
    @Test func summonsStepsAndCouncilMeetingsCarryPhotos() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let dogs = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '流浪犬伤人隐患'")
        let target = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons_targets WHERE summons_id = \(dogs)")
        let topic = try await AuthorizationTests.id(context, """
            SELECT MIN(t.id) AS n FROM topics t WHERE t.status = 'discussion' AND t.path LIKE (SELECT path FROM units WHERE code = '513401001003') || '%'
            """)
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng"), officer = try await W.browser(client, "minjing")
            let staff = try await W.browser(client, "datongmen"), resident = try await W.browser(client, "jumin")
            #expect(try await W.get(client, "/summons/\(dogs)", as: street).1.contains("class=\"photo-input\""))
            let scene = try #require(try Self.ids(try await Self.upload(client, as: street, Self.multipart([("photo", "scene.jpg", "image/jpeg", PhotoBytesTests.jpeg())]))).first)
            let closed = try await W.post(client, "/summons/\(dogs)/targets/\(target)", as: street, [("action", "close"), ("note", "现场复核，流浪犬已收容"), ("photo", "\(scene)")])
            #expect(closed.status == .seeOther)
            for viewer in [street, officer] {
                #expect(try await W.get(client, "/summons/\(dogs)", as: viewer).1.contains("<img src=\"/photos/\(scene)\""))
                #expect(try await client.execute(uri: "/photos/\(scene)", method: .get, headers: [.cookie: viewer.cookie]).status == .ok)
            }

            let sheet = try #require(try Self.ids(try await Self.upload(client, as: staff, Self.multipart([("photo", "sheet.png", "image/png", PhotoBytesTests.png())]))).first)
            let met = try await W.post(client, "/council/\(topic)/meeting", as: staff, [("held_at", "2026-12-01T19:00"), ("place", "社区议事室"), ("attendees", "23"),
                                                                                        ("minutes", "议定加装电梯费用分摊方案，下周公示"), ("photo", "\(sheet)")])
            #expect(met.status == .seeOther)
            #expect(try await W.get(client, "/council/\(topic)", as: staff).1.contains("<img src=\"/photos/\(sheet)\""))
            let hidden = try await client.execute(uri: "/photos/\(sheet)", method: .get, headers: [.cookie: resident.cookie])
            #expect(hidden.status == .notFound || hidden.status == .forbidden)
        }
    }
}

extension PhotoWebTests {
    /// A photo that should not have been kept is taken off its record by field staff, with a reason in the audit log;
    /// its file goes with it. Without a reason nothing is removed; a resident cannot remove one.
    @Test func staffRemoveAPhotoWithAReasonAndItsFileGoes() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let mine = try await ReportOutboxWebTests.gegesFirstAssignment(context)
        try await app.test(.router) { client in
            let gege = try await W.browser(client, "gege"), staff = try await W.browser(client, "datongmen"), resident = try await W.browser(client, "jumin")
            let id = try #require(try Self.ids(try await Self.upload(client, as: gege, Self.multipart([("photo", "door.jpg", "image/jpeg", PhotoBytesTests.jpeg())]))).first)
            #expect(try await W.post(client, "/assignments/\(mine)", as: gege, [("key", "photo-\(UUID().uuidString)"), ("outcome", "absent"), ("photo", "\(id)")]).status == .seeOther)
            let (_, page) = try await W.get(client, "/assignments/\(mine)", as: staff)
            #expect(page.contains("action=\"/photos/\(id)/remove\"") && page.contains("name=\"back\" value=\"/assignments/\(mine)\""))
            let sha = try await context.database.read { db in try await db.raw("SELECT sha256 FROM photos WHERE id = \(bind: id)").first()!.decode(column: "sha256", as: String.self) }
            let file = PhotoStore(context).location(sha).path

            let noReason = try await W.post(client, "/photos/\(id)/remove", as: staff, [("back", "/assignments/\(mine)"), ("reason", " ")])
            #expect(noReason.status == .unprocessableContent && String(buffer: noReason.body).contains("请写明移除原因"))
            #expect(try await W.post(client, "/photos/\(id)/remove", as: resident, [("back", "/"), ("reason", "不想公开")]).status == .forbidden)
            #expect(FileManager.default.fileExists(atPath: file))

            let removed = try await W.post(client, "/photos/\(id)/remove", as: staff, [("back", "/assignments/\(mine)"), ("reason", "照片拍到了住户面部")])
            #expect(removed.status == .seeOther && removed.headers[.location] == "/assignments/\(mine)")
            #expect(!FileManager.default.fileExists(atPath: file))
            #expect(try await client.execute(uri: "/photos/\(id)", method: .get, headers: [.cookie: gege.cookie]).status == .notFound)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'remove' AND entity = 'photo' AND entity_id = \(id) AND detail = '照片拍到了住户面部'") == 1)
            // Where it sends the browser back to is always this site.
            let elsewhere = try await W.post(client, "/photos/\(id)/remove", as: staff, [("back", "//evil.example/"), ("reason", "再试一次")])
            #expect(elsewhere.status == .notFound || elsewhere.headers[.location] == "/")
        }
    }
}
