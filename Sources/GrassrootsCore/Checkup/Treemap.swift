import Foundation

/// A rectangle of a tree map, in the drawing's units.
public struct TreemapCell: Sendable, Equatable {
    public let index: Int
    public let x: Double, y: Double, width: Double, height: Double
}

/// The squarified tree map (Bruls, Huizing and van Wijk, 2000): each value gets an area in proportion to it, laid
/// out in rows whose cells stay as close to squares as the values allow, so every cell is wide enough to carry a
/// label; slicing one strip into dozens of slivers left most of them without one.
public enum Treemap {
    /// The cells of `values` (indices into it; zero and negative values get none) filling `width` × `height`.
    public static func squarify(_ values: [Double], width: Double, height: Double) -> [TreemapCell] {
        let items = values.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }
        let total = items.reduce(0) { $0 + $1.element }
        guard total > 0, width > 0, height > 0 else { return [] }
        let scale = width * height / total
        var rest = (x: 0.0, y: 0.0, w: width, h: height), row: [(index: Int, area: Double)] = [], cells: [TreemapCell] = []

        func worst(_ row: [(index: Int, area: Double)], _ side: Double) -> Double {
            let sum = row.reduce(0) { $0 + $1.area }
            return row.map { max(side * side * $0.area / (sum * sum), sum * sum / (side * side * $0.area)) }.max() ?? .infinity
        }
        func place(_ row: [(index: Int, area: Double)]) {
            let sum = row.reduce(0) { $0 + $1.area }
            if rest.w >= rest.h {
                // A column along the left edge.
                let w = sum / rest.h
                var y = rest.y
                for item in row { cells.append(TreemapCell(index: item.index, x: rest.x, y: y, width: w, height: item.area / w)); y += item.area / w }
                rest = (rest.x + w, rest.y, rest.w - w, rest.h)
            } else {
                // A row along the top edge.
                let h = sum / rest.w
                var x = rest.x
                for item in row { cells.append(TreemapCell(index: item.index, x: x, y: rest.y, width: item.area / h, height: h)); x += item.area / h }
                rest = (rest.x, rest.y + h, rest.w, rest.h - h)
            }
        }
        for item in items.map({ (index: $0.offset, area: $0.element * scale) }) {
            let side = min(rest.w, rest.h)
            if row.isEmpty || worst(row + [item], side) <= worst(row, side) { row.append(item) } else { place(row); row = [item] }
        }
        if !row.isEmpty { place(row) }
        return cells
    }
}
