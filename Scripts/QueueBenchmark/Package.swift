// swift-tools-version: 6.0
// The queue benchmark, kept out of the product: `Scripts/bench-queue` builds and runs it.
// GRDB, swift-log and swift-service-lifecycle are the root package's own dependencies (same
// URLs, so SwiftPM resolves one copy of each).
import PackageDescription

let package = Package(
    name: "QueueBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "gtm-autoresearch", path: "../.."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "queue-benchmark",
            dependencies: [
                .product(name: "JobQueue", package: "gtm-autoresearch"),
                .product(name: "Fleet", package: "gtm-autoresearch"),
                .product(name: "ExperimentLog", package: "gtm-autoresearch"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
