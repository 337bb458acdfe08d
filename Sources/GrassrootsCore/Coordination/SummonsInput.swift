import Foundation

/// A summons as typed: the unit where the matter is, what it is, how urgent, and whom it calls.
public struct SummonsInput: Sendable, Equatable, Codable {
    public var unitID: Int?
    public var matter: String
    public var urgency: String
    public var title: String
    public var description: String
    /// Departments called as a whole.
    public var departmentIDs: [Int]
    /// Dispatched stations called (their department is implied).
    public var stationIDs: [Int]

    /// Creates an input.
    public init(unitID: Int?, matter: String, urgency: String, title: String, description: String, departmentIDs: [Int] = [], stationIDs: [Int] = []) {
        self.unitID = unitID; self.matter = matter; self.urgency = urgency; self.title = title; self.description = description
        self.departmentIDs = departmentIDs; self.stationIDs = stationIDs
    }

    /// Checks every field at once, naming each problem.
    public func validated() throws -> SummonsDefinition {
        var v = Validator()
        let matter = MatterKind(rawValue: matter.trimmed)
        v.check(matter != nil, "matter", Bilingual("请选择事项类型：" + MatterKind.allCases.map(\.label.zh).joined(separator: "、"),
                                                   "Choose the kind of matter: " + MatterKind.allCases.map(\.rawValue).joined(separator: ", ")))
        let urgency = Urgency(rawValue: urgency.trimmed)
        v.check(urgency != nil, "urgency", Bilingual("请选择紧急程度：紧急、一般或复杂", "Choose the urgency: emergency, general or complex"))
        v.check(unitID != nil, "unit_id", Bilingual("请选择事发单元", "Choose the unit where the matter is"))
        v.check((1...100).contains(title.trimmed.count), "title", Bilingual("标题为1–100个字", "The title needs 1–100 characters"))
        v.check((1...4000).contains(description.trimmed.count), "description", Bilingual("请描述情况（最多4000字）", "Describe the matter (at most 4000 characters)"))
        v.check(!(departmentIDs.isEmpty && stationIDs.isEmpty), "targets", Bilingual("请至少选择一个部门或派驻机构", "Call at least one department or station"))
        v.check(Set(departmentIDs).count + Set(stationIDs).count <= 20, "targets", Bilingual("一次最多呼叫20个部门或机构", "Call at most 20 departments or stations at once"))
        try v.finish()
        return SummonsDefinition(unitID: unitID!, matter: matter!, urgency: urgency!, title: title.trimmed, description: description.trimmed,
                                 departmentIDs: Array(Set(departmentIDs)).sorted(), stationIDs: Array(Set(stationIDs)).sorted())
    }
}

/// A validated summons.
public struct SummonsDefinition: Sendable, Equatable {
    public let unitID: Int
    public let matter: MatterKind
    public let urgency: Urgency
    public let title: String
    public let description: String
    public let departmentIDs: [Int]
    public let stationIDs: [Int]
}
