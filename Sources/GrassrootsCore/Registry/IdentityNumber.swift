import Foundation

/// A citizen identity number (公民身份号码) per GB 11643-1999: 6-digit address code,
/// 8-digit birth date, 3-digit sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
public struct IdentityNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 18 characters, with an upper-case X check character.
    public let value: String

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    /// Validates `raw`: length, digits, a real birth date and the check character.
    public init(_ raw: String) throws {
        let text = raw.trimmed.uppercased()
        let chars = Array(text)
        guard chars.count == 18, chars.prefix(17).allSatisfy(\.isASCIIDigit),
              chars[17].isASCIIDigit || chars[17] == "X" else {
            throw FieldError("id_number", Bilingual("身份证号应为18位（前17位为数字，最后一位为数字或X）",
                                                    "An identity number has 18 characters: 17 digits then a digit or X"))
        }
        guard Self.birthDate(of: text) != nil else {
            throw FieldError("id_number", Bilingual("身份证号第7–14位不是有效的出生日期",
                                                    "Characters 7–14 of the identity number are not a valid birth date"))
        }
        guard Self.checkCharacter(for: String(chars.prefix(17))) == chars[17] else {
            throw FieldError("id_number", Bilingual("身份证号校验位不正确，请核对号码",
                                                    "The identity number's check character is wrong; please re-check the number"))
        }
        self.value = text
    }

    /// The check character for the first 17 digits.
    public static func checkCharacter(for first17: String) -> Character {
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// The birth date encoded in characters 7–14, if it is a real date (Gregorian, years 1900–2100).
    public static func birthDate(of text: String) -> DateComponents? {
        let digits = Array(text)
        guard digits.count >= 14, let year = Int(String(digits[6..<10])), let month = Int(String(digits[10..<12])),
              let day = Int(String(digits[12..<14])), (1900...2100).contains(year), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        return DateComponents(year: year, month: month, day: day)
    }

    /// Days in a month; computed rather than asked of `Calendar`, which is slow to build per call.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The birth date as `YYYY-MM-DD`.
    public var birthDateText: String {
        let d = Array(value)
        return "\(String(d[6..<10]))-\(String(d[10..<12]))-\(String(d[12..<14]))"
    }

    /// The sex encoded by the 17th digit's parity.
    public var sex: Sex { Int(String(Array(value)[16]))! % 2 == 1 ? .male : .female }

    /// Builds a valid number from its parts; used by the demo generator and tests.
    public static func make(region: String, birth: String, sequence: Int) -> IdentityNumber {
        let first17 = region + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence % 1000)
        return try! IdentityNumber(first17 + String(checkCharacter(for: first17)))
    }

    /// Masked for display: `5134**********1234`.
    public var masked: String { Masking.mask(value, keepFirst: 4, keepLast: 4) }

    /// The full number; shown only where the role may see it, and the reveal is audited.
    public var description: String { value }
}

/// Masks personal data for display, keeping only a prefix and suffix visible.
public enum Masking {
    /// `value` with all but `keepFirst` leading and `keepLast` trailing characters replaced by `*`.
    public static func mask(_ value: String, keepFirst: Int, keepLast: Int) -> String {
        let chars = Array(value)
        guard chars.count > keepFirst + keepLast else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(keepFirst)) + String(repeating: "*", count: chars.count - keepFirst - keepLast)
            + String(chars.suffix(keepLast))
    }

    /// A phone number masked as `138****5678`.
    public static func phone(_ value: String) -> String { mask(value, keepFirst: 3, keepLast: 4) }
}
