@preconcurrency import Crypto
import Foundation
import GrassrootsCore

/// Encrypts identity and phone numbers at rest (AES-GCM) and derives a keyed hash (HMAC-SHA256)
/// for exact lookup, from one master key kept outside the database.
public struct PersonalDataCipher: Sendable {
    private let encryptionKey: SymmetricKey
    private let hashKey: SymmetricKey

    /// Derives the two working keys from a 32-byte master key.
    public init(masterKey: Data) throws {
        guard masterKey.count == 32 else {
            throw StoreError.unavailable("the personal-data key must be 32 bytes (base64 in the key file); got \(masterKey.count)")
        }
        let master = SymmetricKey(data: masterKey)
        encryptionKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("grassroots-encrypt".utf8), outputByteCount: 32)
        hashKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("grassroots-lookup".utf8), outputByteCount: 32)
    }

    /// Loads the key from `path`, creating it (readable by the owner only) when it does not exist yet.
    public static func loadOrCreate(path: String) throws -> PersonalDataCipher {
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            guard fm.createFile(atPath: path, contents: Data(key.base64EncodedString().utf8), attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.unavailable("cannot create the key file \(path)")
            }
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let key = Data(base64Encoded: text.trimmed) else {
            throw StoreError.unavailable("the key file \(path) does not hold a base64 key")
        }
        return try PersonalDataCipher(masterKey: key)
    }

    /// A fixed key for tests and benchmarks only.
    public static let testing = try! PersonalDataCipher(masterKey: Data(repeating: 7, count: 32))

    /// The value sealed with a fresh nonce, as base64.
    public func encrypt(_ plaintext: String) -> String {
        try! AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey).combined!.base64EncodedString()
    }

    /// The plaintext of what `encrypt` produced; nil when the data was altered or another key was used.
    public func decrypt(_ sealed: String) -> String? {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: encryptionKey) else { return nil }
        return String(data: plain, encoding: .utf8)
    }

    /// A keyed hash for exact lookup that reveals nothing without the key.
    public func lookupHash(_ value: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: hashKey))
    }
}

/// Lower-case hex of bytes, without `String(format:)`, which costs microseconds a byte.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of lower- or upper-case hex; nil for an odd length or a non-hex character.
    static func decode(_ text: String) -> Data? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = Data(capacity: chars.count / 2)
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let high = Int(String(UnicodeScalar(chars[i])), radix: 16), let low = Int(String(UnicodeScalar(chars[i + 1])), radix: 16) else { return nil }
            out.append(UInt8(high << 4 | low))
        }
        return out
    }
}
