import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird
import MultipartKit

/// A multipart/form-data body, read with multipart-kit's parser: its text fields, and the bytes of each part named
/// `files` (photos). The whole body is bounded before parsing (`limit` files of the photo size and 64 KB for the
/// rest), and the number of parts too, so a body of ten thousand tiny parts is refused like one huge part.
struct MultipartBody {
    var fields: [(String, String)] = []
    var files: [[UInt8]] = []

    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    static func read(_ request: Request, files name: String, limit: Int) async throws -> MultipartBody {
        guard let type = request.headers[.contentType], isMultipart(request), let boundary = parameter("boundary", of: type), !boundary.isEmpty else {
            throw ValidationError(name, Bilingual("请以 multipart/form-data 上传照片（字段名 \(name)）", "Upload photos as multipart/form-data (field name \(name))"))
        }
        var request = request
        let body = try await request.collectBody(limit: limit * PhotoStore.maxBytes + 64 * 1024)
        let collector = Collector(fileField: name)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { header, value in if header.lowercased() == "content-disposition" { collector.name = parameter("name", of: value) } }
        parser.onBody = { buffer in collector.bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = { collector.complete() }
        do { try parser.execute(body) } catch {
            throw ValidationError(name, Bilingual("上传内容不是有效的 multipart/form-data", "The upload is not valid multipart/form-data"))
        }
        guard collector.body.files.count <= limit, collector.parts <= limit + 64 else {
            throw ValidationError(name, Bilingual("一次最多上传 \(limit) 张照片", "At most \(limit) photos at a time"))
        }
        return collector.body
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
        let fileField: String
        var name: String?, bytes: [UInt8] = [], body = MultipartBody(), parts = 0
        init(fileField: String) { self.fileField = fileField }
        func complete() {
            parts += 1
            if name == fileField { body.files.append(bytes) } else if let name { body.fields.append((name, String(decoding: bytes, as: UTF8.self))) }
            name = nil; bytes = []
        }
    }
}
