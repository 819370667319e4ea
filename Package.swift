// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "portatlas",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portatlas", targets: ["portatlas"]),
        .executable(name: "portatlas-update", targets: ["portatlas-update"]),
        .library(name: "PortRegistry", targets: ["PortRegistry"]),
        .library(name: "PortStore", targets: ["PortStore"]),
        .library(name: "PortListeners", targets: ["PortListeners"]),
        .library(name: "PortKnowledge", targets: ["PortKnowledge"]),
        .library(name: "PortReport", targets: ["PortReport"]),
        .library(name: "PortAdvice", targets: ["PortAdvice"]),
        .library(name: "PortWeb", targets: ["PortWeb"]),
        .library(name: "PortUpdate", targets: ["PortUpdate"]),
        .executable(name: "portatlas-serve", targets: ["portatlas-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Votes in PostgreSQL for a site served by several replicas (PortVotesPostgres).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The registry model, RFC 6335 rules and the XML/CSV/services codecs: pure, no I/O.
        .target(name: "PortRegistry", swiftSettings: swiftSettings),
        // The SQLite store: registry versions, the port index, full-text search, and the curated knowledge's index.
        .target(
            name: "PortStore",
            dependencies: ["PortRegistry", "PortKnowledge", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Curated, cited facts about ports: unofficial uses, vendor clusters, browsers' bad ports.
        .target(
            name: "PortKnowledge",
            dependencies: ["PortRegistry"],
            resources: [.copy("Knowledge")],
            swiftSettings: swiftSettings
        ),
        // What is listening on this machine: /proc on Linux, lsof on macOS.
        .target(name: "PortListeners", dependencies: ["PortRegistry"], swiftSettings: swiftSettings),
        // Whether a port is a good choice for a new program: the one verdict `check`, the site and `suggest` show. Pure.
        .target(
            name: "PortAdvice",
            dependencies: ["PortRegistry", "PortKnowledge", "PortListeners", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Composes answers from the store (or the system's services database) and renders them as text and JSON.
        .target(
            name: "PortReport",
            dependencies: ["PortRegistry", "PortStore", "PortListeners", "PortKnowledge", "PortAdvice"],
            swiftSettings: swiftSettings
        ),
        // The site's pages as HTML, in every language, from the report: the same bytes for the server and the export.
        .target(
            name: "PortWeb",
            dependencies: ["PortRegistry", "PortStore", "PortReport", "PortKnowledge", "PortListeners", "PortAdvice"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // The web server: Hummingbird routes for the pages, votes, the JSON API, health and metrics (swift-metrics, Prometheus).
        .target(
            name: "PortServer",
            dependencies: [
                "PortWeb", "PortRegistry", "PortStore", "PortReport", "PortKnowledge", "PortAdvice",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Votes in PostgreSQL (postgres-nio's pooled client, no ORM): the store replicas share. Only portatlas-serve links it.
        .target(
            name: "PortVotesPostgres",
            dependencies: [
                "PortStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Downloading the registry from IANA or a mirror, or reading a local copy, and importing it.
        .target(
            name: "PortUpdate",
            dependencies: [
                "PortRegistry", "PortStore", "PortReport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line's commands and plumbing (options, output, errors and exit statuses).
        .target(
            name: "PortatlasCommands",
            dependencies: [
                "PortRegistry", "PortStore", "PortReport", "PortListeners", "PortKnowledge", "PortAdvice",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command-line tool: lookups, search, versions. It links no HTTP stack, so it starts fast.
        .executableTarget(name: "portatlas", dependencies: ["PortatlasCommands"], swiftSettings: swiftSettings),
        // `portatlas update`, in its own executable beside `portatlas`: downloads need AsyncHTTPClient.
        .executableTarget(
            name: "portatlas-update",
            dependencies: [
                "PortatlasCommands", "PortUpdate", "PortReport", "PortStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `portatlas serve` and `portatlas export-site`, in their own executable: the lookup binary stays lean.
        .executableTarget(
            name: "portatlas-serve",
            dependencies: [
                "PortServer", "PortWeb", "PortStore", "PortKnowledge", "PortRegistry", "PortReport", "PortatlasCommands",
                "PortVotesPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // libFuzzer entry points (built only by scripts/fuzz).
        .executableTarget(name: "FuzzXML", dependencies: ["PortRegistry"], path: "Fuzz/FuzzXML"),
        .executableTarget(name: "FuzzCSV", dependencies: ["PortRegistry"], path: "Fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzKnowledge", dependencies: ["PortKnowledge"], path: "Fuzz/FuzzKnowledge"),
        .executableTarget(name: "FuzzQuery", dependencies: ["PortRegistry"], path: "Fuzz/FuzzQuery"),
        .executableTarget(
            name: "FuzzRouter",
            dependencies: [
                "PortServer", "PortWeb", "PortStore", "PortKnowledge", "PortRegistry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Fuzz/FuzzRouter",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(name: "PortTestSupport", path: "Tests/Support", swiftSettings: swiftSettings),
        .testTarget(name: "PortRegistryTests", dependencies: ["PortRegistry", "PortTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PortStoreTests",
            dependencies: [
                "PortRegistry", "PortStore", "PortKnowledge", "PortUpdate", "PortReport", "PortTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortKnowledgeTests",
            dependencies: ["PortKnowledge", "PortRegistry", "PortTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortReportTests",
            dependencies: ["PortReport", "PortKnowledge", "PortListeners", "PortStore", "PortRegistry", "PortUpdate", "PortTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortWebTests",
            dependencies: [
                "PortWeb", "PortServer", "PortStore", "PortKnowledge", "PortReport", "PortRegistry", "PortUpdate", "PortTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortVotesTests",
            dependencies: [
                "PortStore", "PortVotesPostgres", "PortServer", "PortWeb", "PortKnowledge", "PortRegistry", "PortTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortListenersTests",
            dependencies: ["PortListeners", "PortRegistry", "PortTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortAdviceTests",
            dependencies: ["PortAdvice", "PortReport", "PortKnowledge", "PortListeners", "PortRegistry", "PortTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortatlasCLITests",
            dependencies: ["portatlas", "portatlas-update", "portatlas-serve", "PortStore", "PortTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
