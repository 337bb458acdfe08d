// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "grassroots",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "grassroots", targets: ["grassroots"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        // Named for the NIO modules the store and the web layer import themselves (ByteBuffer, event loops, locks).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        // Photo uploads: multipart/form-data bodies, parsed part by part with limits.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
    ],
    targets: [
        .target(
            name: "GrassrootsCore",
            dependencies: []
        ),
        .target(
            name: "GrassrootsStore",
            dependencies: [
                "GrassrootsCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(
            name: "GrassrootsWeb",
            dependencies: [
                "GrassrootsCore",
                "GrassrootsStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // `HTML` put into a `String` is marked deprecated (see Views/HTML.swift); here that is an error, so markup
            // cannot lose its type and be escaped again or printed as a struct.
            swiftSettings: [.unsafeFlags(["-Werror", "DeprecatedDeclaration"])]
        ),
        .executableTarget(
            name: "grassroots",
            dependencies: [
                "GrassrootsCore",
                "GrassrootsStore",
                "GrassrootsWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "GrassrootsCoreTests", dependencies: ["GrassrootsCore"]),
        .testTarget(
            name: "GrassrootsStoreTests",
            dependencies: ["GrassrootsCore", "GrassrootsStore"]
        ),
        .testTarget(
            name: "GrassrootsWebTests",
            dependencies: [
                "GrassrootsWeb",
                "GrassrootsStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ]
)
