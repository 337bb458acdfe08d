import Foundation

// OASIS Common Alerting Protocol 1.2 (预警信息公共格式) as values. Raw values are the spec's own code words, so a
// parsed document and a written one use exactly the words other CAP systems (国家预警信息发布中心, FEMA IPAWS, MeteoAlarm) expect.

/// How the alert is to be handled (`status`): only `Actual` is for the public; `Exercise` is a drill (演练).
public enum CAPStatus: String, Sendable, Codable, CaseIterable {
    case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft"
}

/// What kind of message this is (`msgType`); every kind but `Alert` points at earlier messages through `references`.
public enum CAPMessageType: String, Sendable, Codable, CaseIterable {
    case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error"
}

/// Who may see the alert (`scope`).
public enum CAPScope: String, Sendable, Codable, CaseIterable {
    case `public` = "Public", restricted = "Restricted", `private` = "Private"
}

/// The kind of hazard (`category`), e.g. `Met` for weather (气象), `Geo` for earthquakes (地震).
public enum CAPCategory: String, Sendable, Codable, CaseIterable {
    case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue", fire = "Fire", health = "Health"
    case env = "Env", transport = "Transport", infra = "Infra", cbrne = "CBRNE", other = "Other"
}

/// How soon people must act (`urgency`).
public enum CAPUrgency: String, Sendable, Codable, CaseIterable {
    case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
}

/// How bad the threat is (`severity`); 红色 warnings map to `Extreme`, 橙色 to `Severe` in China's CAP profile.
public enum CAPSeverity: String, Sendable, Codable, CaseIterable {
    case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"
}

/// How sure the sender is (`certainty`).
public enum CAPCertainty: String, Sendable, Codable, CaseIterable {
    case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown"

    /// Reads a certainty word; CAP 1.2 asks receivers to take the deprecated CAP 1.0 "Very Likely" as `Likely`.
    public init?(capValue: String) {
        if capValue == "Very Likely" { self = .likely } else { self.init(rawValue: capValue) }
    }
}

/// An earlier message this one refers to, as written in `references` ("sender,identifier,sent").
public struct CAPReference: Sendable, Equatable, Codable {
    /// The earlier message's sender.
    public var sender: String
    /// The earlier message's identifier.
    public var identifier: String
    /// The earlier message's `sent`, kept as written because matching is textual across systems.
    public var sent: String

    /// Creates a reference.
    public init(sender: String, identifier: String, sent: String) { (self.sender, self.identifier, self.sent) = (sender, identifier, sent) }
}

/// A `valueName`/`value` pair, as in `eventCode`, `parameter` and `geocode`.
public struct CAPValuePair: Sendable, Equatable, Codable {
    /// The code system, e.g. "SAME" or "统计用区划代码".
    public var valueName: String
    /// The code.
    public var value: String

    /// Creates a pair.
    public init(valueName: String, value: String) { (self.valueName, self.value) = (valueName, value) }
}

/// A circle (`circle`, "lat,lon radius"): centre in WGS 84 degrees and radius in kilometres.
public struct CAPCircle: Sendable, Equatable, Codable {
    /// Centre latitude, −90…90.
    public var latitude: Double
    /// Centre longitude, −180…180.
    public var longitude: Double
    /// Radius in kilometres; 0 marks a point, as in the spec's earthquake example.
    public var radiusKm: Double

    /// Creates a circle.
    public init(latitude: Double, longitude: Double, radiusKm: Double) { (self.latitude, self.longitude, self.radiusKm) = (latitude, longitude, radiusKm) }

    /// Whether the point is within the radius, by great-circle (haversine) distance on the mean Earth radius.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        let rad = Double.pi / 180
        let dLat = (latitude - self.latitude) * rad, dLon = (longitude - self.longitude) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(self.latitude * rad) * cos(latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0088 * asin(min(1, a.squareRoot())) <= radiusKm
    }
}

/// A file that goes with the alert (`resource`): an image, a map, an audio message.
public struct CAPResource: Sendable, Equatable, Codable {
    /// What the file is (required).
    public var resourceDesc: String
    /// Its MIME type (required).
    public var mimeType: String
    /// Its size in bytes.
    public var size: Int?
    /// Where to get it.
    public var uri: String?
    /// The file inline, base64.
    public var derefUri: String?
    /// Its SHA-1 hash.
    public var digest: String?

    /// Creates a resource.
    public init(resourceDesc: String, mimeType: String, size: Int? = nil, uri: String? = nil, derefUri: String? = nil, digest: String? = nil) {
        (self.resourceDesc, self.mimeType, self.size, self.uri, self.derefUri, self.digest) = (resourceDesc, mimeType, size, uri, derefUri, digest)
    }
}

/// The area an info applies to (`area`).
public struct CAPArea: Sendable, Equatable, Codable {
    /// The area in words (required), e.g. "西昌市城区".
    public var areaDesc: String
    /// Polygons as GeoJSON-style rings of [longitude, latitude] (CAP writes "lat,lon"; the order is swapped on reading).
    public var polygons: [Polygon]
    /// Circles.
    public var circles: [CAPCircle]
    /// Area codes, e.g. 统计用区划代码 or SAME.
    public var geocodes: [CAPValuePair]
    /// Altitude in feet above mean sea level, or the floor when `ceiling` is given.
    public var altitude: Double?
    /// Ceiling in feet; CAP allows it only together with `altitude`.
    public var ceiling: Double?

    /// Creates an area.
    public init(areaDesc: String, polygons: [Polygon] = [], circles: [CAPCircle] = [], geocodes: [CAPValuePair] = [], altitude: Double? = nil, ceiling: Double? = nil) {
        (self.areaDesc, self.polygons, self.circles, self.geocodes, self.altitude, self.ceiling) = (areaDesc, polygons, circles, geocodes, altitude, ceiling)
    }

    /// Whether the point lies in any polygon or circle; an area given only by words or codes contains no point.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        polygons.contains { $0.contains(longitude: longitude, latitude: latitude) } || circles.contains { $0.contains(latitude: latitude, longitude: longitude) }
    }

    private enum CodingKeys: String, CodingKey { case areaDesc, polygons, circles, geocodes, altitude, ceiling }

    /// Decodes an area; polygons are plain ring arrays because the shared `Polygon` type is not `Codable`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(areaDesc: try c.decode(String.self, forKey: .areaDesc),
                  polygons: try c.decode([[[[Double]]]].self, forKey: .polygons).map { Polygon(rings: $0) },
                  circles: try c.decode([CAPCircle].self, forKey: .circles), geocodes: try c.decode([CAPValuePair].self, forKey: .geocodes),
                  altitude: try c.decodeIfPresent(Double.self, forKey: .altitude), ceiling: try c.decodeIfPresent(Double.self, forKey: .ceiling))
    }

    /// Encodes an area, polygons as ring arrays.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(areaDesc, forKey: .areaDesc)
        try c.encode(polygons.map(\.rings), forKey: .polygons)
        try c.encode(circles, forKey: .circles)
        try c.encode(geocodes, forKey: .geocodes)
        try c.encodeIfPresent(altitude, forKey: .altitude)
        try c.encodeIfPresent(ceiling, forKey: .ceiling)
    }
}

/// One language's account of the event (`info`); a bilingual alert carries one info per language.
public struct CAPInfo: Sendable, Equatable, Codable {
    /// The `responseType` words CAP 1.2 allows.
    public static let responseTypeValues = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"]

    /// RFC 3066 language tag; CAP's default is "en-US", Chinese alerts use "zh-CN".
    public var language: String
    /// At least one category.
    public var categories: [CAPCategory]
    /// The event in words, e.g. "暴雨红色预警".
    public var event: String
    /// What people should do, each one of `responseTypeValues`.
    public var responseTypes: [String]
    /// How soon.
    public var urgency: CAPUrgency
    /// How bad.
    public var severity: CAPSeverity
    /// How sure.
    public var certainty: CAPCertainty
    /// Who the info is meant for, in words.
    public var audience: String?
    /// System-specific event codes.
    public var eventCodes: [CAPValuePair]
    /// When the info takes effect (defaults to `sent` in CAP).
    public var effective: Date?
    /// When the hazard is expected to begin.
    public var onset: Date?
    /// When the info stops applying.
    public var expires: Date?
    /// The issuing agency's name for people, e.g. "凉山州气象台".
    public var senderName: String?
    /// A short headline, meant for SMS-length displays.
    public var headline: String?
    /// What is happening.
    public var description: String?
    /// What to do.
    public var instruction: String?
    /// A page with more.
    public var web: String?
    /// Whom to ask.
    public var contact: String?
    /// System-specific parameters.
    public var parameters: [CAPValuePair]
    /// Files that go with the info.
    public var resources: [CAPResource]
    /// Where it applies.
    public var areas: [CAPArea]

    /// Creates an info; the required elements come first.
    public init(language: String = "en-US", categories: [CAPCategory], event: String, responseTypes: [String] = [], urgency: CAPUrgency,
                severity: CAPSeverity, certainty: CAPCertainty, audience: String? = nil, eventCodes: [CAPValuePair] = [], effective: Date? = nil,
                onset: Date? = nil, expires: Date? = nil, senderName: String? = nil, headline: String? = nil, description: String? = nil,
                instruction: String? = nil, web: String? = nil, contact: String? = nil, parameters: [CAPValuePair] = [],
                resources: [CAPResource] = [], areas: [CAPArea] = []) {
        (self.language, self.categories, self.event, self.responseTypes) = (language, categories, event, responseTypes)
        (self.urgency, self.severity, self.certainty, self.audience, self.eventCodes) = (urgency, severity, certainty, audience, eventCodes)
        (self.effective, self.onset, self.expires, self.senderName, self.headline) = (effective, onset, expires, senderName, headline)
        (self.description, self.instruction, self.web, self.contact) = (description, instruction, web, contact)
        (self.parameters, self.resources, self.areas) = (parameters, resources, areas)
    }
}

/// A CAP 1.2 alert message (`alert`).
public struct CAPAlert: Sendable, Equatable, Codable {
    /// The sender's unique id for this message; no spaces, commas, `<` or `&`.
    public var identifier: String
    /// The sender's globally unique id (often an email or domain); same character rules as `identifier`.
    public var sender: String
    /// When the message was sent.
    public var sent: Date
    /// How to handle it.
    public var status: CAPStatus
    /// What kind of message it is.
    public var msgType: CAPMessageType
    /// The operator or device that originated it.
    public var source: String?
    /// Who may see it.
    public var scope: CAPScope
    /// Who may see a `Restricted` alert, in words (required then).
    public var restriction: String?
    /// The recipients of a `Private` alert, space-separated (required then).
    public var addresses: String?
    /// Special handling codes, e.g. "IPAWSv1.0".
    public var codes: [String]
    /// An explanation, e.g. why an alert is cancelled or in error.
    public var note: String?
    /// Earlier messages this one updates, cancels or answers.
    public var references: [CAPReference]
    /// Related incident ids, space-separated.
    public var incidents: String?
    /// The accounts of the event, usually one per language; a `Cancel` may have none.
    public var infos: [CAPInfo]

    /// Creates an alert; the required elements come first.
    public init(identifier: String, sender: String, sent: Date, status: CAPStatus, msgType: CAPMessageType, source: String? = nil, scope: CAPScope,
                restriction: String? = nil, addresses: String? = nil, codes: [String] = [], note: String? = nil, references: [CAPReference] = [],
                incidents: String? = nil, infos: [CAPInfo] = []) {
        (self.identifier, self.sender, self.sent, self.status, self.msgType, self.source) = (identifier, sender, sent, status, msgType, source)
        (self.scope, self.restriction, self.addresses, self.codes, self.note) = (scope, restriction, addresses, codes, note)
        (self.references, self.incidents, self.infos) = (references, incidents, infos)
    }

    /// Whether this is a drill (演练), which must never be shown to residents as a real warning.
    public var isExercise: Bool { status == .exercise }

    /// This alert as a later message refers to it, with `sent` written the way `CAPWriter` writes it (+08:00), so it
    /// matches the text of what this system published; an imported alert's own `sent` text may differ.
    public var reference: CAPReference { CAPReference(sender: sender, identifier: identifier, sent: CAPDateTime.format(sent)) }

    /// The values of every geocode called `valueName` across all infos and areas, first occurrence order, without
    /// repeats (a bilingual alert lists the same areas once per language).
    public func geocodes(named valueName: String) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for info in infos { for area in info.areas { for code in area.geocodes where code.valueName == valueName && seen.insert(code.value).inserted { out.append(code.value) } } }
        return out
    }
}
