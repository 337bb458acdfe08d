import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads CAP 1.2 XML into a `CAPAlert`, checking it against the spec and reporting every problem at once.
public enum CAPParser {
    /// The only namespace accepted: CAP 1.1 and 1.0 differ in rules (e.g. 1.1 has no `Very Likely` deprecation).
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    /// The largest document read (1 MB); real alerts are a few kilobytes, and the limit keeps a bad upload cheap.
    public static let maximumSize = 1_048_576

    /// Parses and validates a CAP 1.2 document.
    /// - Throws: `ValidationError` naming every problem, with fields like "alert.sent", "info[1].severity",
    ///   "info[1].area[2].polygon" (positions count from 1), or "xml" when the document cannot be read at all.
    public static func parse(_ data: Data) throws -> CAPAlert {
        guard !data.isEmpty else { throw ValidationError("xml", Bilingual("文档为空，请提供 CAP 1.2 XML 预警", "The document is empty: send a CAP 1.2 XML alert")) }
        guard data.count <= maximumSize else {
            throw ValidationError("xml", Bilingual("文档超过 1 MB，CAP 预警不应这么大；大文件请放在 resource 的 uri 中", "The document is over 1 MB; CAP alerts are small, link large files through a resource uri"))
        }
        // A DTD is never needed for CAP and is how entity-expansion (billion laughs) and XXE attacks get in, so refuse it
        // before the parser sees it; the delegate also catches declarations that arrive in other encodings.
        // The byte scan below only sees ASCII-compatible encodings; UTF-16/32 (NUL bytes) or EBCDIC (no leading "<")
        // could hide a DTD from it, so such documents are refused rather than trusted.
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard !data.contains(0), body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == 0x3C else {
            throw ValidationError("xml", Bilingual("无法识别的文档：请用 UTF-8 编码的 XML 发送 CAP 预警", "Unrecognized document: send the CAP alert as UTF-8 encoded XML"))
        }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil { throw doctypeError }
        let root = try CAPTreeBuilder.tree(data)
        guard root.name == "alert", root.namespace == namespace else {
            if root.name == "alert", root.namespace.hasPrefix("urn:oasis:names:tc:emergency:cap:") {
                throw ValidationError("alert", Bilingual("只接受 CAP 1.2（命名空间 \(namespace)），该文档是 \(root.namespace)，请按 1.2 重新生成",
                                                         "Only CAP 1.2 (namespace \(namespace)) is accepted; this document is \(root.namespace), re-issue it as 1.2"))
            }
            throw ValidationError("alert", Bilingual("根元素应为命名空间 \(namespace) 中的 <alert>", "The root element must be <alert> in namespace \(namespace)"))
        }
        var reader = CAPReader()
        let alert = reader.alert(root)
        try reader.v.finish()
        return alert
    }

    static let doctypeError = ValidationError("xml", Bilingual("不接受 DOCTYPE 或实体声明（安全原因），请删除 <!DOCTYPE …> 后重发",
                                                               "DOCTYPE and entity declarations are refused for security; remove <!DOCTYPE …> and send again"))
}

/// An element as read: just enough of a DOM for CAP's shallow, text-only structure.
final class CAPNode {
    let name: String, namespace: String
    var text = ""
    var children: [CAPNode] = []
    init(name: String, namespace: String) { (self.name, self.namespace) = (name, namespace) }
    /// Child elements in the CAP namespace; elements of other namespaces (e.g. an XML signature) are not CAP's to check.
    func elements(_ name: String) -> [CAPNode] { children.filter { $0.name == name && $0.namespace == CAPParser.namespace } }
}

/// Builds the element tree with XMLParser, refusing DTD declarations and reporting where the XML breaks.
final class CAPTreeBuilder: NSObject, XMLParserDelegate {
    private(set) var stack: [CAPNode] = []
    private var root: CAPNode?
    private var declarationSeen = false
    private var errorLine: Int?, errorColumn = 0

    static func tree(_ data: Data) throws -> CAPNode {
        let builder = CAPTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        // On Linux parse() returns true even after a fatal error (libxml2 recovers), and a truncated document may
        // produce no error at all, so success means: no error seen, a root, and every element closed.
        let ok = parser.parse() && parser.parserError == nil && builder.errorLine == nil
        if builder.declarationSeen { throw CAPParser.doctypeError }
        guard ok, builder.stack.isEmpty, let root = builder.root else {
            let line = builder.errorLine ?? max(parser.lineNumber, 1), column = builder.errorLine == nil ? parser.columnNumber : builder.errorColumn
            throw ValidationError("xml", Bilingual("XML 格式不正确（第 \(line) 行第 \(column) 列附近）：请检查标签是否成对闭合、& 是否写成 &amp;",
                                                   "The XML is not well-formed (near line \(line), column \(column)): check that every tag is closed and & is written &amp;"))
        }
        return root
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = CAPNode(name: elementName, namespace: namespaceURI ?? "")
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) { _ = stack.popLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { stack.last?.text += String(decoding: CDATABlock, as: UTF8.self) }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { (errorLine, errorColumn) = (parser.lineNumber, parser.columnNumber) }
    }

    private func refuse(_ parser: XMLParser) { declarationSeen = true; parser.abortParsing() }
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { refuse(parser) }
    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) { refuse(parser) }
    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) { refuse(parser) }
    func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) { refuse(parser) }
    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?, notationName: String?) { refuse(parser) }
}

/// Walks the tree into a `CAPAlert`, recording every rule broken. Missing required values get placeholders so the walk
/// can go on and find the rest; the caller throws before any placeholder escapes.
struct CAPReader {
    var v = Validator()

    mutating func alert(_ node: CAPNode) -> CAPAlert {
        let p = "alert"
        let identifier = word(node, "identifier", p), sender = word(node, "sender", p)
        let sent = date(node, "sent", p, required: true)
        let status: CAPStatus? = code(node, "status", p), msgType: CAPMessageType? = code(node, "msgType", p), scope: CAPScope? = code(node, "scope", p)
        let restriction = text(node, "restriction", p), addresses = text(node, "addresses", p)
        if scope == .restricted { v.check(!(restriction ?? "").trimmed.isEmpty, "\(p).restriction", Bilingual("scope 为 Restricted 时必须填写 restriction（谁可以看）", "scope Restricted needs a restriction saying who may see the alert")) }
        if scope == .private { v.check(!(addresses ?? "").trimmed.isEmpty, "\(p).addresses", Bilingual("scope 为 Private 时必须填写 addresses（接收者）", "scope Private needs addresses naming the recipients")) }
        let references = self.references(node, p)
        if let msgType, msgType != .alert, references.isEmpty {
            v.fail("\(p).references", Bilingual("msgType 为 \(msgType.rawValue) 时必须用 references 指明原预警（sender,identifier,sent）",
                                                "msgType \(msgType.rawValue) needs references naming the earlier alert as sender,identifier,sent"))
        }
        let infos = node.elements("info").enumerated().map { info($0.element, "info[\($0.offset + 1)]") }
        return CAPAlert(identifier: identifier, sender: sender, sent: sent ?? Date(timeIntervalSince1970: 0), status: status ?? .actual,
                        msgType: msgType ?? .alert, source: text(node, "source", p), scope: scope ?? .public, restriction: restriction,
                        addresses: addresses, codes: node.elements("code").map { $0.text.trimmed }, note: text(node, "note", p),
                        references: references, incidents: text(node, "incidents", p), infos: infos)
    }

    mutating func info(_ node: CAPNode, _ p: String) -> CAPInfo {
        let categories = node.elements("category").compactMap { e -> CAPCategory? in
            let value = CAPCategory(rawValue: e.text.trimmed)
            if value == nil { v.fail("\(p).category", Self.oneOf("category", CAPCategory.allCases.map(\.rawValue), e.text)) }
            return value
        }
        if node.elements("category").isEmpty { v.fail("\(p).category", Bilingual("至少需要一个 category（如 Met 气象、Geo 地质）", "At least one category is required (e.g. Met, Geo)")) }
        let event = text(node, "event", p, required: true) ?? ""
        let responseTypes = node.elements("responseType").map { $0.text.trimmed }
        for value in responseTypes where !CAPInfo.responseTypeValues.contains(value) { v.fail("\(p).responseType", Self.oneOf("responseType", CAPInfo.responseTypeValues, value)) }
        let urgency: CAPUrgency? = code(node, "urgency", p), severity: CAPSeverity? = code(node, "severity", p)
        var certainty: CAPCertainty?
        if let raw = text(node, "certainty", p, required: true) {
            certainty = CAPCertainty(capValue: raw.trimmed)
            if certainty == nil { v.fail("\(p).certainty", Self.oneOf("certainty", CAPCertainty.allCases.map(\.rawValue), raw)) }
        }
        let resources = node.elements("resource").enumerated().map { resource($0.element, "\(p).resource[\($0.offset + 1)]") }
        let areas = node.elements("area").enumerated().map { area($0.element, "\(p).area[\($0.offset + 1)]") }
        return CAPInfo(language: text(node, "language", p)?.trimmed ?? "en-US", categories: categories, event: event, responseTypes: responseTypes,
                       urgency: urgency ?? .unknown, severity: severity ?? .unknown, certainty: certainty ?? .unknown, audience: text(node, "audience", p),
                       eventCodes: pairs(node, "eventCode", p), effective: date(node, "effective", p), onset: date(node, "onset", p),
                       expires: date(node, "expires", p), senderName: text(node, "senderName", p), headline: text(node, "headline", p),
                       description: text(node, "description", p), instruction: text(node, "instruction", p), web: text(node, "web", p),
                       contact: text(node, "contact", p), parameters: pairs(node, "parameter", p), resources: resources, areas: areas)
    }

    mutating func resource(_ node: CAPNode, _ p: String) -> CAPResource {
        let size = text(node, "size", p).flatMap { raw -> Int? in
            let value = Int(raw.trimmed)
            if value == nil { v.fail("\(p).size", Bilingual("size 应为整数字节数", "size must be a whole number of bytes")) }
            return value
        }
        return CAPResource(resourceDesc: text(node, "resourceDesc", p, required: true) ?? "", mimeType: text(node, "mimeType", p, required: true)?.trimmed ?? "",
                           size: size, uri: text(node, "uri", p)?.trimmed, derefUri: text(node, "derefUri", p), digest: text(node, "digest", p)?.trimmed)
    }

    mutating func area(_ node: CAPNode, _ p: String) -> CAPArea {
        let areaDesc = text(node, "areaDesc", p, required: true) ?? ""
        var polygons: [Polygon] = [], circles: [CAPCircle] = []
        for (i, e) in node.elements("polygon").enumerated() {
            if let polygon = CAPGeometry.polygon(e.text) { polygons.append(polygon) } else {
                v.fail("\(p).polygon", Bilingual("第\(i + 1)个 polygon 无效：应为空格分隔的“纬度,经度”，至少 4 对且首尾相同，纬度 −90–90、经度 −180–180",
                                                  "polygon \(i + 1) is invalid: write space-separated \"lat,lon\" pairs, at least 4, first equal to last, latitude −90–90, longitude −180–180"))
            }
        }
        for (i, e) in node.elements("circle").enumerated() {
            if let circle = CAPGeometry.circle(e.text) { circles.append(circle) } else {
                v.fail("\(p).circle", Bilingual("第\(i + 1)个 circle 无效：应为“纬度,经度 半径公里”，纬度 −90–90、经度 −180–180、半径不小于 0",
                                                 "circle \(i + 1) is invalid: write \"lat,lon radius-km\" with latitude −90–90, longitude −180–180, radius ≥ 0"))
            }
        }
        let altitude = number(node, "altitude", p), ceiling = number(node, "ceiling", p)
        if ceiling != nil, altitude == nil { v.fail("\(p).ceiling", Bilingual("有 ceiling 时必须同时给出 altitude", "ceiling may only be given together with altitude")) }
        return CAPArea(areaDesc: areaDesc, polygons: polygons, circles: circles, geocodes: pairs(node, "geocode", p), altitude: altitude, ceiling: ceiling)
    }

    // MARK: - Element helpers

    /// The text of a single-valued element; a repeat or, when required, an absence is recorded.
    mutating func text(_ node: CAPNode, _ name: String, _ p: String, required: Bool = false) -> String? {
        let found = node.elements(name)
        if found.count > 1 { v.fail("\(p).\(name)", Bilingual("<\(name)> 只能出现一次", "<\(name)> may appear only once")) }
        if required, found.first.map({ $0.text.trimmed.isEmpty }) ?? true { v.fail("\(p).\(name)", Bilingual("缺少必填项 <\(name)>", "<\(name)> is required")); return nil }
        return found.first?.text
    }

    /// A required identifier-like value, which CAP forbids to contain spaces, commas, `<` or `&`.
    mutating func word(_ node: CAPNode, _ name: String, _ p: String) -> String {
        guard let value = text(node, name, p, required: true)?.trimmed else { return "" }
        if value.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == "&" }) {
            v.fail("\(p).\(name)", Bilingual("\(name) 不能包含空格、逗号、< 或 &", "\(name) must not contain spaces, commas, < or &"))
        }
        return value
    }

    /// A required code word from a fixed list.
    mutating func code<E: RawRepresentable & CaseIterable>(_ node: CAPNode, _ name: String, _ p: String) -> E? where E.RawValue == String {
        guard let raw = text(node, name, p, required: true) else { return nil }
        guard let value = E(rawValue: raw.trimmed) else { v.fail("\(p).\(name)", Self.oneOf(name, E.allCases.map(\.rawValue), raw)); return nil }
        return value
    }

    mutating func date(_ node: CAPNode, _ name: String, _ p: String, required: Bool = false) -> Date? {
        guard let raw = text(node, name, p, required: required) else { return nil }
        guard let date = CAPDateTime.parse(raw.trimmed) else { v.fail("\(p).\(name)", Self.dateMessage(name, raw)); return nil }
        return date
    }

    mutating func number(_ node: CAPNode, _ name: String, _ p: String) -> Double? {
        guard let raw = text(node, name, p) else { return nil }
        guard let value = Double(raw.trimmed), value.isFinite else { v.fail("\(p).\(name)", Bilingual("\(name) 应为数字（英尺）", "\(name) must be a number (feet)")); return nil }
        return value
    }

    mutating func pairs(_ node: CAPNode, _ name: String, _ p: String) -> [CAPValuePair] {
        node.elements(name).compactMap { e in
            guard let valueName = e.elements("valueName").first?.text.trimmed, !valueName.isEmpty, let value = e.elements("value").first?.text.trimmed else {
                v.fail("\(p).\(name)", Bilingual("<\(name)> 需要 <valueName> 和 <value>", "<\(name)> needs a <valueName> and a <value>")); return nil
            }
            return CAPValuePair(valueName: valueName, value: value)
        }
    }

    mutating func references(_ node: CAPNode, _ p: String) -> [CAPReference] {
        guard let raw = text(node, "references", p) else { return [] }
        return raw.split(whereSeparator: \.isWhitespace).compactMap { triple in
            let parts = triple.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, CAPDateTime.parse(parts[2]) != nil else {
                v.fail("\(p).references", Bilingual("references 中的“\(triple.prefix(80))”应为 sender,identifier,sent（sent 形如 2026-11-29T08:00:00+08:00），多条用空格分隔",
                                                    "references entry \"\(triple.prefix(80))\" must be sender,identifier,sent (sent like 2026-11-29T08:00:00+08:00), entries separated by spaces"))
                return nil
            }
            return CAPReference(sender: parts[0], identifier: parts[1], sent: parts[2])
        }
    }

    static func oneOf(_ name: String, _ allowed: [String], _ got: String) -> Bilingual {
        Bilingual("\(name) 应为 \(allowed.joined(separator: "、")) 之一（收到“\(got.trimmed.prefix(40))”）",
                  "\(name) must be one of \(allowed.joined(separator: ", ")) (got \"\(got.trimmed.prefix(40))\")")
    }

    static func dateMessage(_ name: String, _ got: String) -> Bilingual {
        Bilingual("\(name) 时间格式应为 2026-11-29T08:00:00+08:00（不能用 Z，UTC 写作 +00:00；收到“\(got.trimmed.prefix(40))”）",
                  "\(name) must look like 2026-11-29T08:00:00+08:00 (no \"Z\": write UTC as +00:00; got \"\(got.trimmed.prefix(40))\")")
    }
}

/// CAP's coordinate text: "lat,lon" pairs separated by white space.
enum CAPGeometry {
    /// A closed ring of at least four valid points, as a GeoJSON-style polygon of [lon, lat]; nil when anything is off.
    static func polygon(_ text: String) -> Polygon? {
        let points = text.split(whereSeparator: \.isWhitespace).map { point($0) }
        guard points.count >= 4, points.allSatisfy({ $0 != nil }), let first = points.first!, first == points.last! else { return nil }
        return Polygon(rings: [points.map { [$0![1], $0![0]] }])
    }

    static func circle(_ text: String) -> CAPCircle? {
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let centre = point(parts[0]), let radius = Double(parts[1]), radius.isFinite, radius >= 0 else { return nil }
        return CAPCircle(latitude: centre[0], longitude: centre[1], radiusKm: radius)
    }

    /// [lat, lon] from "lat,lon", within WGS 84 ranges.
    static func point(_ text: Substring) -> [Double]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return [lat, lon]
    }
}
