import Foundation

/// How long a unit took to reach half, nine tenths and all of its targets after activation.
public struct ReachTimes: Sendable, Codable, Equatable {
    public let total: Int
    public let reached: Int
    /// Seconds from activation; nil while that share has not been reached.
    public let to50: Double?
    public let to90: Double?
    public let to100: Double?

    /// Times from the moments each target was reached (in any order); a share counts once `ceil(share × total)`
    /// targets are reached, so 1 of 1 reaches 50 % and 90 % at once.
    public init(activatedAt: Date, total: Int, reachedAt: [Date]) {
        let sorted = reachedAt.sorted()
        func time(_ percent: Int) -> Double? {
            guard total > 0 else { return nil }
            let needed = (total * percent + 99) / 100
            return sorted.count >= needed ? max(0, sorted[needed - 1].timeIntervalSince(activatedAt)) : nil
        }
        self.total = total; self.reached = sorted.count
        to50 = time(50); to90 = time(90); to100 = time(100)
    }

    /// `1 h 05 min` style text for a duration in seconds, or "—" when not reached.
    public static func text(_ seconds: Double?, _ language: Language) -> String {
        guard let seconds else { return language == .zh ? "未达到" : "not reached" }
        let minutes = Int((seconds / 60).rounded())
        let (h, m) = (minutes / 60, minutes % 60)
        if language == .zh { return h > 0 ? "\(h)小时\(m)分" : "\(m)分钟" }
        return h > 0 ? "\(h) h \(String(format: "%02d", m)) min" : "\(m) min"
    }
}

/// Before activation: how long the front line should take to reach every household, from each grid's households
/// and grid staff. The model is stated on the page: each worker reaches `perWorkerHour` households an hour, grids
/// work in parallel, so the area needs as long as its slowest grid; a grid without staff cannot be reached by it.
public struct CapacityEstimate: Sendable, Codable, Equatable {
    /// Households one worker reaches in an hour (door-to-door with a short form).
    public let perWorkerHour: Double
    public let grids: Int
    public let households: Int
    public let staff: Int
    /// Grids with households and no staff: their households wait for someone sent from outside.
    public let unstaffedGrids: Int
    public let unstaffedHouseholds: Int
    /// Hours for the slowest staffed grid, and for the median one.
    public let slowestHours: Double
    public let medianHours: Double
    /// The slowest grid's name.
    public let slowestGrid: String?

    /// The default reach rate: about ten minutes per household, including the walk between doors.
    public static let defaultRate = 6.0

    /// Estimates from each grid's (name, households, staff).
    public init(grids: [(name: String, households: Int, staff: Int)], perWorkerHour: Double = CapacityEstimate.defaultRate) {
        let hours = grids.filter { $0.staff > 0 && $0.households > 0 }
            .map { (name: $0.name, hours: Double($0.households) / (Double($0.staff) * perWorkerHour)) }.sorted { $0.hours < $1.hours }
        let unstaffed = grids.filter { $0.staff == 0 && $0.households > 0 }
        self.perWorkerHour = perWorkerHour
        self.grids = grids.count
        households = grids.reduce(0) { $0 + $1.households }
        staff = grids.reduce(0) { $0 + $1.staff }
        unstaffedGrids = unstaffed.count
        unstaffedHouseholds = unstaffed.reduce(0) { $0 + $1.households }
        slowestHours = hours.last?.hours ?? 0
        medianHours = hours.isEmpty ? 0 : hours[hours.count / 2].hours
        slowestGrid = hours.last?.name
    }

    /// The model in words, shown beside the figure.
    public static func model(_ rate: Double) -> Bilingual {
        Bilingual("估算模型：每名网格员每小时入户\(Int(rate))户；各网格同时开展，全域用时取最慢网格（户数 ÷（网格员数 × \(Int(rate))））；无网格员的网格单列，不计入用时。",
                  "Model: each grid worker reaches \(Int(rate)) households an hour; grids work in parallel, so the area takes as long as its slowest grid (households ÷ (workers × \(Int(rate)))); grids without workers are listed apart and not timed.")
    }
}
