import GrassrootsCore
import Testing

/// (Here beside the web tests, which upload the same samples.) Photos told by their bytes and stripped of what can say where they were taken. The files are built here block by
/// block, the way cameras and phones write them.
@Suite struct PhotoBytesTests {
    /// A JPEG as a phone writes it: JFIF, an EXIF block with a GPS position, an XMP block, a colour profile, a
    /// comment, the tables, and the compressed picture after the start of scan.
    static func jpeg(gps: Bool = true) -> [UInt8] {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let n = payload.count + 2
            return [0xFF, marker, UInt8(n >> 8), UInt8(n & 0xFF)] + payload
        }
        var b: [UInt8] = [0xFF, 0xD8]
        b += segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        if gps { b += segment(0xE1, Array("Exif\0\0MM\0*GPSLatitude 27.89N GPSLongitude 102.26E".utf8)) }
        b += segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>".utf8))
        b += segment(0xE2, Array("ICC_PROFILE\0\u{1}\u{1}profile".utf8))
        b += segment(0xFE, Array("taken at home".utf8))
        b += segment(0xDB, [0] + Array(repeating: 1, count: 64))
        b += segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78] + [0xFF, 0xD9]
        return b
    }

    static func png() -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", Array(repeating: 1, count: 13))
            + chunk("eXIf", Array("MM\0*GPS".utf8)) + chunk("tEXt", Array("Comment\0home".utf8)) + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
    }

    static func webp() -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = data.count
            return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data + (n % 2 == 1 ? [0] : [])
        }
        let body = chunk("VP8X", [0x0C, 0, 0, 0, 9, 0, 0, 9, 0, 0]) + chunk("VP8 ", [1, 2, 3, 4]) + chunk("EXIF", Array("MM\0*GPS".utf8))
            + chunk("XMP ", Array("<x:xmpmeta/>".utf8))
        let n = body.count + 4
        return Array("RIFF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("WEBP".utf8) + body
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.indices.contains { i in bytes[i...].starts(with: needle) }
    }

    @Test func aJPEGLosesItsEXIFXMPAndCommentButKeepsItsPictureAndColourProfile() throws {
        let original = Self.jpeg()
        let (format, clean) = try PhotoBytes.clean(original)
        #expect(format == .jpeg && format.contentType == "image/jpeg")
        #expect(!Self.contains(clean, "GPS") && !Self.contains(clean, "Exif") && !Self.contains(clean, "taken at home"))
        #expect(Self.contains(clean, "JFIF") && Self.contains(clean, "ICC_PROFILE"))
        // The picture itself, from the start of scan to the end, is untouched.
        let scan = original[original.firstIndex(of: 0xDA)! - 1 ..< original.count]
        #expect(Array(clean.suffix(scan.count)) == Array(scan))
        #expect(clean.count < original.count && clean.starts(with: [0xFF, 0xD8]))
        // Cleaning a clean photo changes nothing.
        #expect(try PhotoBytes.clean(clean).1 == clean)
    }

    @Test func aPNGAndAWebPLoseTheirMetadataChunks() throws {
        let (png, cleanPNG) = try PhotoBytes.clean(Self.png())
        #expect(png == .png && !Self.contains(cleanPNG, "GPS") && !Self.contains(cleanPNG, "Comment"))
        #expect(Self.contains(cleanPNG, "IHDR") && Self.contains(cleanPNG, "IDAT") && Self.contains(cleanPNG, "IEND"))

        let (webp, cleanWebP) = try PhotoBytes.clean(Self.webp())
        #expect(webp == .webp && !Self.contains(cleanWebP, "GPS") && !Self.contains(cleanWebP, "xmpmeta") && Self.contains(cleanWebP, "VP8 "))
        // The extended header no longer claims EXIF or XMP, and the file's size is its own.
        #expect(cleanWebP[20] & 0x0C == 0)
        let size = Int(cleanWebP[4]) | Int(cleanWebP[5]) << 8 | Int(cleanWebP[6]) << 16 | Int(cleanWebP[7]) << 24
        #expect(size == cleanWebP.count - 8)
    }

    @Test func aFileIsJudgedByItsBytesAndADamagedOneIsRefused() {
        #expect(PhotoFormat.sniff(Array("not a photo, renamed to .jpg".utf8)) == nil)
        #expect(PhotoFormat.sniff(Array("GIF89a".utf8)) == nil)
        for bad in [Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8), Array(Self.jpeg().prefix(30)), Array(Self.png().prefix(20)), Array(Self.webp().prefix(14))] {
            #expect(throws: ValidationError.self) { try PhotoBytes.clean(bad) }
        }
        do { _ = try PhotoBytes.clean(Array("hello".utf8)); Issue.record("a text file was taken as a photo") } catch let e as ValidationError {
            #expect(e.errors.first?.message.zh.contains("只接受 JPEG、PNG 或 WebP") == true)
        } catch { Issue.record("\(error)") }
    }
}
