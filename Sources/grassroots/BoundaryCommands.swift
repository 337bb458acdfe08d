import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore

/// `grassroots boundaries import|positions|export|check|place`: GeoJSON areas of streets, communities and grids for the
/// check-up's map, compounds' positions, the compounds whose position lies outside their grid, and moving them into
/// the grid that holds them.
struct Boundaries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "GeoJSON boundaries and compound positions.",
                                                    subcommands: [ImportAreas.self, ImportPositions.self, ExportAreas.self, Check.self, Place.self])

    static func read(_ file: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GrassrootsCore.ValidationError("file", Bilingual("无法读取文件 \(file)", "Cannot read the file \(file)"))
        }
        return data
    }

    struct ImportAreas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import",
            abstract: "Import a FeatureCollection of Polygon/MultiPolygon features with properties.code (street, community or grid code); all or nothing.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The GeoJSON file.") var file: String
        func run() async throws {
            do {
                let data = try Boundaries.read(file)
                let count = try await database.with { try await BoundaryStore($0).importBoundaries(data, scope: .system) }
                print("Imported \(count) boundaries.")
            } catch { throw reportFailure(error) }
        }
    }

    struct ImportPositions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "positions",
            abstract: "Import compounds' positions: a FeatureCollection of Points with properties.id (the compound's id).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The GeoJSON file.") var file: String
        func run() async throws {
            do {
                let data = try Boundaries.read(file)
                let count = try await database.with { try await BoundaryStore($0).importPositions(data, scope: .system) }
                print("Placed \(count) compounds.")
            } catch { throw reportFailure(error) }
        }
    }

    struct ExportAreas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Export the boundaries under a unit as a FeatureCollection.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Division code of the unit.") var unit: String
        @Option(help: "Output file (default: standard output).") var output: String?
        func run() async throws {
            do {
                let data = try await database.with { context in
                    try await BoundaryStore(context).export(under: try await UnitStore(context).unit(code: unit, scope: .system).id, scope: .system)
                }
                if let output { try data.write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(data) }
            } catch { throw reportFailure(error) }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the compounds under a unit whose position lies outside their grid; exits non-zero when any does.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Division code of the unit.") var unit: String
        func run() async throws {
            let found: [Misplacement]
            do {
                found = try await database.with { context in
                    try await BoundaryStore(context).misplaced(under: try await UnitStore(context).unit(code: unit, scope: .system).id, scope: .system)
                }
            } catch { throw reportFailure(error) }
            for m in found { print("\(m.compound)（id \(m.compoundID)）：登记在 \(m.grid)，位置在 \(m.containingGrid ?? "任何网格之外")") }
            print(found.isEmpty ? "All positioned compounds lie in their grids." : "\(found.count) compounds lie outside their grid.")
            if !found.isEmpty { throw ExitCode.failure }
        }
    }

    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move the compounds under a unit whose position lies in another grid of their community into that grid.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Division code of the unit.") var unit: String
        func run() async throws {
            let placements: [Placement]
            do {
                placements = try await database.with { context in
                    try await BoundaryStore(context).place(under: try await UnitStore(context).unit(code: unit, scope: .system).id, scope: .system)
                }
            } catch { throw reportFailure(error) }
            for p in placements {
                if let refused = p.refused { print("\(p.compound)（id \(p.compoundID)）：未调整——\(refused.zh)") }
                else { print("\(p.compound)（id \(p.compoundID)）：\(p.fromGrid) → \(p.toGrid ?? "")，\(p.households) 户") }
            }
            let moved = placements.filter { $0.refused == nil }.count
            print("Moved \(moved) compounds; \(placements.count - moved) left for the street to decide.")
        }
    }
}
