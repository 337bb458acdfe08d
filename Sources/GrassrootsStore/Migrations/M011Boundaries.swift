/// Boundaries for the check-up's map: a unit's area as GeoJSON geometry (positions use the units' existing
/// `longitude` and `latitude`).
enum M011Boundaries {
    static let migration = Migration(name: "011_boundaries") { _ in [
        "ALTER TABLE units ADD COLUMN boundary TEXT",
    ] }
}
