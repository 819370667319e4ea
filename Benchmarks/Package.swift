// swift-tools-version: 6.1
// In-process benchmarks (ordo-one/benchmark): `cd Benchmarks && swift package benchmark`.
// They read IANA's snapshots from ../../shared/data/iana/ (or $PORTATLAS_IANA_DIR) and are never part of the tests.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, whatever the clone is called.
let portatlas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "portatlas-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RegistryBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PortRegistry", package: portatlas),
                .product(name: "PortStore", package: portatlas),
                .product(name: "PortKnowledge", package: portatlas),
                .product(name: "PortReport", package: portatlas),
                .product(name: "PortAdvice", package: portatlas),
                .product(name: "PortWeb", package: portatlas),
                .product(name: "PortUpdate", package: portatlas),
            ],
            path: "Benchmarks/RegistryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
