import Foundation

/// What a ledger entry of the community development fund (社区发展基金) records. Entries are never edited: a
/// mistake is undone by a reversal of the whole entry.
public enum FundEntryKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case donation, grant, disbursement, reversal
    public var label: Bilingual {
        switch self {
        case .donation: Bilingual("捐赠", "Donation")
        case .grant: Bilingual("财政或项目拨款", "Grant")
        case .disbursement: Bilingual("支出", "Disbursement")
        case .reversal: Bilingual("冲销", "Reversal")
        }
    }
    /// Money in (+1) or out (−1); a reversal takes the opposite of what it reverses.
    public var direction: Int { self == .disbursement ? -1 : 1 }
}

/// Amounts in yuan as typed (`1234.5`, `1,234.50`, `¥800`), kept in fen so sums are exact.
public enum Money {
    /// Fen from a typed amount; nil unless it is a positive amount with at most two decimals, below 100 million yuan.
    public static func fen(_ raw: String) -> Int? {
        var text = raw.trimmed.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if text.hasPrefix("¥") || text.hasPrefix("￥") { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let yuan = Int(parts[0]), parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber) else { return nil }
        var fen = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fen = Int(decimals)! * (decimals.count == 1 ? 10 : 1)
        }
        let total = yuan * 100 + fen
        return total > 0 && yuan < 100_000_000 ? total : nil
    }

    /// `1,234.50` for 123450 fen (negative amounts keep their sign).
    public static func text(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : "", value = abs(fen)
        let yuan = String(value / 100)
        var grouped = ""
        for (index, digit) in yuan.reversed().enumerated() { grouped = String(digit) + (index > 0 && index % 3 == 0 ? "," : "") + grouped }
        return sign + grouped + "." + String(format: "%02d", value % 100)
    }
}
