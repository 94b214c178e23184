// swift-tools-version: 6.0
import PackageDescription

/// Settings every target shares: explicit `any`, imports that say what they expose.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "gtm-autoresearch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gtm-autoresearch", targets: ["gtm-autoresearch"]),
        // Libraries for the benchmark package under Scripts/ (and anyone embedding the scorer).
        .library(name: "LosslessJSON", targets: ["LosslessJSON"]),
        .library(name: "GTMModel", targets: ["GTMModel"]),
        .library(name: "Scoring", targets: ["Scoring"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // A fast JSON tree that keeps what it read: key order, number literals, unknown fields.
        .target(name: "LosslessJSON", swiftSettings: swiftSettings),
        // The GTM container export: typed read-only views over a lossless document.
        .target(name: "GTMModel", dependencies: ["LosslessJSON"], swiftSettings: swiftSettings),
        // The nine-dimension structural scorer and its rules.
        .target(name: "Scoring", dependencies: ["GTMModel", "LosslessJSON"], swiftSettings: swiftSettings),
        // Score reports as text, JSON, Markdown and SARIF.
        .target(name: "ScoreReports", dependencies: ["Scoring", "GTMModel", "LosslessJSON"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "gtm-autoresearch",
            dependencies: [
                "GTMModel", "Scoring", "ScoreReports", "LosslessJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(name: "TestSupport", dependencies: ["GTMModel", "LosslessJSON"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "LosslessJSONTests", dependencies: ["LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "GTMModelTests", dependencies: ["GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ScoreReportsTests", dependencies: ["ScoreReports", "Scoring", "GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "LosslessJSON"], swiftSettings: swiftSettings),
    ]
)
