/// A photo as the server keeps it: its format told by its bytes (never by its name or declared type), and every
/// block that can carry where and when it was taken, or by what camera, taken out. A phone's photo holds its GPS
/// position in EXIF, and a household's position is personal data. The pixels are not decoded or re-encoded: the
/// browser has already resized the photo, and a parser of compressed images is not code to write here.
public enum PhotoFormat: String, Sendable, CaseIterable {
    case jpeg, png, webp

    public var contentType: String { "image/\(rawValue)" }
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The format the bytes begin with, if any of the three.
    public static func sniff(_ bytes: [UInt8]) -> PhotoFormat? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }
}

public enum PhotoBytes {
    static let notAPhoto = ValidationError("photo", Bilingual("这不是照片：只接受 JPEG、PNG 或 WebP 图片", "This is not a photo: only JPEG, PNG and WebP images are accepted"))
    static let damaged = ValidationError("photo", Bilingual("照片文件已损坏，无法读取", "The photo file is damaged and cannot be read"))

    /// The photo's format and its bytes without metadata; a file that is none of the three, or is cut short, is refused.
    public static func clean(_ bytes: [UInt8]) throws -> (PhotoFormat, [UInt8]) {
        guard let format = PhotoFormat.sniff(bytes) else { throw notAPhoto }
        switch format {
        case .jpeg: return (format, try jpeg(bytes))
        case .png: return (format, try png(bytes))
        case .webp: return (format, try webp(bytes))
        }
    }

    /// JPEG: drops APP1 (EXIF, XMP), APP13 (IPTC), the other application blocks and comments; keeps APP0 (JFIF),
    /// APP2 (the colour profile) and APP14 (Adobe's colour transform), which the picture needs to look right.
    static func jpeg(_ b: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8], i = 2
        while i + 1 < b.count {
            guard b[i] == 0xFF else { throw damaged }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xD9 { out += [0xFF, 0xD9]; return out }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { out += [0xFF, marker]; i += 2; continue }
            guard i + 3 < b.count else { throw damaged }
            let end = i + 2 + (Int(b[i + 2]) << 8 | Int(b[i + 3]))
            guard end <= b.count else { throw damaged }
            // After the start of scan come the compressed pixels up to the end: kept as they are.
            if marker == 0xDA { return out + b[i...] }
            let metadata = (0xE1...0xEF).contains(marker) && marker != 0xE2 && marker != 0xEE || marker == 0xFE
            if !metadata { out += b[i..<end] }
            i = end
        }
        throw damaged
    }

    /// PNG: drops the EXIF, text and time chunks; every other chunk (with its own checksum) is kept as it is.
    static func png(_ b: [UInt8]) throws -> [UInt8] {
        let dropped: Set<String> = ["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]
        var out = Array(b[0..<8]), i = 8
        while i + 8 <= b.count {
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self), end = i + 12 + length
            guard length >= 0, end <= b.count else { throw damaged }
            if !dropped.contains(type) { out += b[i..<end] }
            if type == "IEND" { return out }
            i = end
        }
        throw damaged
    }

    /// WebP: drops the EXIF and XMP chunks, clears their flags in the extended header, and sets the file's size anew.
    static func webp(_ b: [UInt8]) throws -> [UInt8] {
        var chunks: [UInt8] = [], i = 12
        while i + 8 <= b.count {
            let type = String(decoding: b[i..<(i + 4)], as: UTF8.self)
            let size = Int(b[i + 4]) | Int(b[i + 5]) << 8 | Int(b[i + 6]) << 16 | Int(b[i + 7]) << 24
            let end = i + 8 + size + size % 2
            guard end <= b.count || (end == b.count + 1 && size % 2 == 1) else { throw damaged }
            var chunk = Array(b[i..<min(end, b.count)])
            if type == "VP8X", chunk.count > 8 { chunk[8] &= ~0x0C }  // EXIF (0x08) and XMP (0x04) present
            if type != "EXIF" && type != "XMP " { chunks += chunk }
            i = end
        }
        guard !chunks.isEmpty else { throw damaged }
        let size = UInt32(chunks.count + 4)
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + Array("WEBP".utf8) + chunks
    }
}
