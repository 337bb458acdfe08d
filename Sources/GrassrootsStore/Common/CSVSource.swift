import Foundation
import GrassrootsCore

/// Where an import's CSV comes from: a file read a piece at a time, so that a whole country's divisions pass in
/// bounded memory, or text already in memory (the demo's, a test's). Either may be UTF-8, with or without a BOM,
/// or GB18030, as `CSV.decode` accepts.
public enum CSVSource: Sendable {
    /// The file at this path, read `pieceSize` bytes at a time (large enough that a piece costs little, small
    /// enough to keep memory flat).
    case file(String, pieceSize: Int = 1 << 20)
    /// Text in memory.
    case text(String)

    /// Calls `body` with the records of each piece in file order, and the bytes read so far of all there are.
    func read(_ body: (_ records: [CSV.Record], _ done: Int, _ total: Int) async throws -> Void) async throws {
        switch self {
        case .text(let text):
            try await body(try CSV.parse(text), text.utf8.count, text.utf8.count)
        case .file(let path, let pieceSize):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ValidationError("file", Bilingual("无法读取文件 \(path)", "Cannot read the file \(path)"))
            }
            defer { try? handle.close() }
            let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            var reader = CSV.Reader(), encoding = PieceEncoding(), carry = Data(), done = 0
            while true {
                let piece = try handle.read(upToCount: pieceSize) ?? Data()
                let atEnd = piece.isEmpty
                var data = carry
                data.append(piece)
                if done == 0, data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
                done += piece.count
                // Cut after the last line feed: 0x0A is never part of a UTF-8 or GB18030 character, so no character
                // is split between two pieces and each piece decodes alone.
                let cut = atEnd ? data.endIndex : data.lastIndex(of: 0x0A).map { data.index(after: $0) } ?? data.startIndex
                carry = Data(data[cut...])  // rebased: a slice keeps its old indices, which Data's appending trips over
                var records: [CSV.Record] = []
                try encoding.utf8(data[..<cut]).withUnsafeBytes { reader.read($0) { records.append($0) } }
                if atEnd { try reader.finish { records.append($0) } }
                try await body(records, done, total)
                if atEnd { return }
            }
        }
    }
}

/// Decides a file's encoding from its pieces: UTF-8 while they are, GB18030 once a piece is not UTF-8 and nothing
/// before it used anything but ASCII (which both encodings share); a file that is UTF-8 in one place and not in
/// another is refused.
struct PieceEncoding {
    private enum State { case ascii, utf8, gb18030 }
    private var state = State.ascii

    /// The piece's bytes as UTF-8.
    mutating func utf8(_ piece: Data) throws -> Data {
        if state != .gb18030 {
            if String(validating: piece, as: UTF8.self) != nil {
                if state == .ascii, piece.contains(where: { $0 >= 0x80 }) { state = .utf8 }
                return piece
            }
            guard state == .ascii else { throw ValidationError([CSV.unknownEncoding]) }
            state = .gb18030
        }
        guard let text = String(data: piece, encoding: CSV.gb18030) else { throw ValidationError([CSV.unknownEncoding]) }
        return Data(text.utf8)
    }
}
