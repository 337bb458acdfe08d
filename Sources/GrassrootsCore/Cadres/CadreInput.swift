import Foundation

/// A cadre's profile as typed. Nothing here is an identity or phone number: profiles hold what the work needs.
public struct CadreInput: Sendable, Equatable, Codable {
    public var name: String
    public var tier: String
    /// The street or community a street or community cadre works in; the city for agency cadres.
    public var unitID: Int?
    /// The department an agency cadre belongs to (optional).
    public var departmentID: Int?
    public var position: String
    public var education: String
    /// The day the cadre began working at the grassroots (street or community), `2015-03-01`; empty for none.
    public var grassrootsSince: String
    public var specialties: String

    /// Creates an input.
    public init(name: String, tier: String, unitID: Int?, departmentID: Int? = nil, position: String, education: String,
                grassrootsSince: String = "", specialties: String = "") {
        self.name = name; self.tier = tier; self.unitID = unitID; self.departmentID = departmentID; self.position = position
        self.education = education; self.grassrootsSince = grassrootsSince; self.specialties = specialties
    }

    /// Checks every field at once.
    public func validated(today: String) throws -> CadreDefinition {
        var v = Validator()
        v.check((1...50).contains(name.trimmed.count), "name", Bilingual("姓名为1–50个字", "The name needs 1–50 characters"))
        let tier = CadreTier.pick(tier, field: "tier", names: Bilingual("干部类别", "Tier"), &v)
        v.check(unitID != nil, "unit_id", Bilingual("请选择所在单位（街道、社区或市级）", "Choose the unit the cadre works in"))
        v.check((1...60).contains(position.trimmed.count), "position", Bilingual("职务为1–60个字", "The position needs 1–60 characters"))
        let education = Education.pick(education, field: "education", names: Bilingual("学历", "Education"), &v)
        let since = grassrootsSince.trimmed.isEmpty ? nil : v.capture { try WorkingCalendar.parseDay(grassrootsSince, field: "grassroots_since") }
        if let since { v.check(since <= today, "grassroots_since", Bilingual("到基层工作的日期不能晚于今天", "The grassroots start date cannot be in the future")) }
        v.check(specialties.trimmed.count <= 200, "specialties", Bilingual("专长最多200字", "Specialties take at most 200 characters"))
        try v.finish()
        return CadreDefinition(name: name.trimmed, tier: tier!, unitID: unitID!, departmentID: departmentID, position: position.trimmed,
                               education: education!, grassrootsSince: since, specialties: specialties.trimmed)
    }
}

/// A validated profile.
public struct CadreDefinition: Sendable, Equatable {
    public let name: String
    public let tier: CadreTier
    public let unitID: Int
    public let departmentID: Int?
    public let position: String
    public let education: Education
    public let grassrootsSince: String?
    public let specialties: String
}

/// A post taken, as typed: what, where, how the cadre came to it and from when.
public struct PostInput: Sendable, Equatable, Codable {
    public var role: String
    public var title: String
    /// The unit of the post (a street, community or the city); nil when the post is in a department only.
    public var unitID: Int?
    public var departmentID: Int?
    public var move: String
    public var startsOn: String
    public var note: String

    /// Creates an input.
    public init(role: String, title: String, unitID: Int?, departmentID: Int? = nil, move: String, startsOn: String, note: String = "") {
        self.role = role; self.title = title; self.unitID = unitID; self.departmentID = departmentID; self.move = move
        self.startsOn = startsOn; self.note = note
    }

    /// Checks every field at once.
    public func validated(today: String) throws -> PostDefinition {
        var v = Validator()
        let role = PostRole.pick(role, field: "role", names: Bilingual("职位类别", "Post"), &v)
        v.check((1...60).contains(title.trimmed.count), "title", Bilingual("职务名称为1–60个字", "The post title needs 1–60 characters"))
        v.check(unitID != nil || departmentID != nil, "unit_id", Bilingual("请选择任职单位或部门", "Choose the unit or department of the post"))
        let move = MoveKind.pick(move, field: "move", names: Bilingual("任职方式", "Move"), &v)
        let starts = v.capture { try WorkingCalendar.parseDay(startsOn, field: "starts_on") }
        if let starts { v.check(starts <= today, "starts_on", Bilingual("任职日期不能晚于今天", "The start date cannot be in the future")) }
        v.check(note.trimmed.count <= 500, "note", Bilingual("备注最多500字", "The note takes at most 500 characters"))
        try v.finish()
        return PostDefinition(role: role!, title: title.trimmed, unitID: unitID, departmentID: departmentID, move: move!, startsOn: starts!, note: note.trimmed)
    }
}

/// A validated post.
public struct PostDefinition: Sendable, Equatable {
    public let role: PostRole
    public let title: String
    public let unitID: Int?
    public let departmentID: Int?
    public let move: MoveKind
    public let startsOn: String
    public let note: String
}

/// A secondment as typed.
public struct SecondmentInput: Sendable, Equatable, Codable {
    public var cadreID: Int?
    public var kind: String
    /// Where the cadre comes from (a department, a property company), as its name reads.
    public var origin: String
    /// The street or community the cadre goes to.
    public var unitID: Int?
    public var startsOn: String
    public var endsOn: String
    public var goals: String

    /// Creates an input.
    public init(cadreID: Int?, kind: String, origin: String, unitID: Int?, startsOn: String, endsOn: String, goals: String) {
        self.cadreID = cadreID; self.kind = kind; self.origin = origin; self.unitID = unitID; self.startsOn = startsOn; self.endsOn = endsOn; self.goals = goals
    }

    /// Checks every field at once; the term runs from `startsOn` to `endsOn`, at most three years.
    public func validated() throws -> SecondmentDefinition {
        var v = Validator()
        v.check(cadreID != nil, "cadre_id", Bilingual("请选择挂职干部", "Choose the cadre"))
        let kind = SecondmentKind.pick(kind, field: "kind", names: Bilingual("挂职类型", "Kind"), &v)
        v.check((1...60).contains(origin.trimmed.count), "origin", Bilingual("派出单位为1–60个字", "The sending organization needs 1–60 characters"))
        v.check(unitID != nil, "unit_id", Bilingual("请选择挂职的街道或社区", "Choose the street or community of the secondment"))
        let starts = v.capture { try WorkingCalendar.parseDay(startsOn, field: "starts_on") }
        let ends = v.capture { try WorkingCalendar.parseDay(endsOn, field: "ends_on") }
        if let starts, let ends {
            v.check(starts < ends, "ends_on", Bilingual("任期结束应晚于开始", "The term must end after it starts"))
            let years = Int(starts.prefix(4))! + 3
            v.check(ends <= "\(years)" + starts.dropFirst(4), "ends_on", Bilingual("任期最长三年", "A term lasts at most three years"))
        }
        v.check((1...2000).contains(goals.trimmed.count), "goals", Bilingual("请写明任期目标（最多2000字）", "State the goals of the term (at most 2000 characters)"))
        try v.finish()
        return SecondmentDefinition(cadreID: cadreID!, kind: kind!, origin: origin.trimmed, unitID: unitID!, startsOn: starts!, endsOn: ends!, goals: goals.trimmed)
    }
}

/// A validated secondment.
public struct SecondmentDefinition: Sendable, Equatable {
    public let cadreID: Int
    public let kind: SecondmentKind
    public let origin: String
    public let unitID: Int
    public let startsOn: String
    public let endsOn: String
    public let goals: String

    /// An end-of-term review can be written from the month before the term ends: reviews are due then, and the
    /// month lets the review be done before the cadre leaves.
    public static func reviewOpens(endsOn: String) -> String {
        guard let end = try? LocalTime.parse(endsOn + " 00:00", field: "ends_on"),
              let opens = WorkingCalendar.calendar.date(byAdding: .month, value: -1, to: end) else { return endsOn }
        return WorkingCalendar.dayKey(opens)
    }
}

/// A course as typed.
public struct CourseInput: Sendable, Equatable, Codable {
    public var title: String
    public var category: String
    public var required: Bool
    /// Hours of attendance that complete the course.
    public var requiredHours: Double

    /// Creates an input.
    public init(title: String, category: String, required: Bool, requiredHours: Double) {
        self.title = title; self.category = category; self.required = required; self.requiredHours = requiredHours
    }

    /// Checks every field at once.
    public func validated() throws -> CourseInput {
        var v = Validator()
        v.check((1...80).contains(title.trimmed.count), "title", Bilingual("课程名称为1–80个字", "The title needs 1–80 characters"))
        let category = CourseCategory.pick(category, field: "category", names: Bilingual("课程类别", "Category"), &v)
        v.check(Hours.valid(requiredHours, max: 200), "required_hours", Bilingual("完成所需学时应在 0.5 到 200 之间（以半小时计）", "Hours to complete must be 0.5–200, in half hours"))
        try v.finish()
        return CourseInput(title: title.trimmed, category: category!.rawValue, required: required, requiredHours: requiredHours)
    }
}

/// Training hours are counted in half hours, so sums are exact on both engines.
public enum Hours {
    /// True for a positive multiple of 0.5 up to `max`.
    public static func valid(_ hours: Double, max: Double) -> Bool {
        hours > 0 && hours <= max && (hours * 2).rounded() == hours * 2
    }
    /// `3` or `3.5`, as hours are written.
    public static func text(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
    }
}
