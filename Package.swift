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
        .library(name: "Mutation", targets: ["Mutation"]),
        .library(name: "PatchGuard", targets: ["PatchGuard"]),
        .library(name: "HeuristicMutator", targets: ["HeuristicMutator"]),
        .library(name: "ExperimentLog", targets: ["ExperimentLog"]),
        .library(name: "AutoResearchLoop", targets: ["AutoResearchLoop"]),
        .library(name: "JobQueue", targets: ["JobQueue"]),
        .library(name: "Fleet", targets: ["Fleet"]),
        .library(name: "SystemdNotify", targets: ["SystemdNotify"]),
        .library(name: "Cron", targets: ["Cron"]),
        .library(name: "PreviewSimulator", targets: ["PreviewSimulator"]),
        .library(name: "ObjectStore", targets: ["ObjectStore"]),
        .library(name: "TagManagerAPI", targets: ["TagManagerAPI"]),
        .library(name: "Delivery", targets: ["Delivery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
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

        // System libraries: libcurl for every HTTP call, libzstd for stored containers.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),

        // The mutator contract and id-addressed JSON patches (SPEC §2.3, §4).
        .target(name: "Mutation", dependencies: ["GTMModel", "Scoring", "LosslessJSON"], swiftSettings: swiftSettings),
        // The guard of SPEC §2.4: every reason a candidate container is turned down.
        .target(name: "PatchGuard", dependencies: ["Mutation", "PreviewSimulator", "GTMModel", "Scoring", "LosslessJSON"], swiftSettings: swiftSettings),
        // The built-in, offline mutator: one fixer per rule it can repair.
        .target(name: "HeuristicMutator", dependencies: ["Mutation", "GTMModel", "Scoring", "LosslessJSON"], swiftSettings: swiftSettings),
        // The preview simulator of SPEC §7: a deterministic run of a web container against scenarios,
        // the QA checks over its results and the fired (destination, event) pairs for the coverage guard.
        // The shipped scenarios are compiled in (Scripts/embed-scenarios) from the JSON files in ScenarioFiles/.
        .target(name: "PreviewSimulator", dependencies: ["GTMModel", "LosslessJSON"], exclude: ["ScenarioFiles"], swiftSettings: swiftSettings),
        // HTTP over libcurl.
        .target(name: "CurlHTTP", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        // Claude (Messages API) and OpenAI-compatible chat completions as mutators.
        .target(name: "LanguageModelMutators", dependencies: ["Mutation", "CurlHTTP", "GTMModel", "Scoring", "LosslessJSON"], swiftSettings: swiftSettings),
        // S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, moto): SigV4, objects, the winners' store.
        .target(name: "ObjectStore", dependencies: [
            "CurlHTTP", .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        // The GTM API v2 staging deploy: the `autoresearch-nightly` workspace brought to a winning
        // container entity by entity, paced for the 0.25 QPS quota; never a version, never a publish.
        // `_CryptoExtras` signs the service-account JWT (RS256).
        .target(name: "TagManagerAPI", dependencies: [
            "CurlHTTP", "GTMModel", "LosslessJSON",
            .product(name: "_CryptoExtras", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        // The SQLite experiment log: runs, rounds, zstd-compressed container blobs.
        .target(name: "ExperimentLog", dependencies: [
            "CZstd", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        // The round and the run: target choice, guard, score, keep or revert, stop rules.
        .target(name: "AutoResearchLoop", dependencies: [
            "Mutation", "PatchGuard", "PreviewSimulator", "ExperimentLog", "RunDeliverables", "Scoring", "GTMModel", "LosslessJSON",
        ], swiftSettings: swiftSettings),
        // What a run leaves behind: winning-config.json, report.html, rounds.jsonl, the staging folder.
        .target(name: "RunDeliverables", dependencies: ["ExperimentLog", "PreviewSimulator", "Scoring", "GTMModel", "LosslessJSON"], swiftSettings: swiftSettings),
        // The SQLite job queue of SPEC §5: jobs, leases, retries, workers' heartbeats.
        .target(name: "JobQueue", dependencies: [.product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        // Cron expressions in a time zone: when a schedule's next and latest ticks are.
        .target(name: "Cron", swiftSettings: swiftSettings),
        // sd_notify(3) for the long-running processes: READY, WATCHDOG, STOPPING, STATUS.
        .target(name: "SystemdNotify", swiftSettings: swiftSettings),
        // The morning deliverables of SPEC §6: a finished run's files, the nightly winner in the
        // local staging workspace and the bucket, winners per night, rollback.
        .target(name: "Delivery", dependencies: [
            "ExperimentLog", "RunDeliverables", "ObjectStore", "TagManagerAPI", "GTMModel", "LosslessJSON",
        ], swiftSettings: swiftSettings),
        // The fleet's processes: workers and their stage handlers, the scheduler, run enqueueing.
        .target(name: "Fleet", dependencies: [
            "JobQueue", "ExperimentLog", "AutoResearchLoop", "RunDeliverables", "Mutation", "HeuristicMutator", "LanguageModelMutators",
            "Scoring", "GTMModel", "LosslessJSON", "Cron", "PreviewSimulator", "CurlHTTP", "ObjectStore", "TagManagerAPI", "Delivery",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: swiftSettings),
        .executableTarget(
            name: "gtm-autoresearch",
            dependencies: [
                "GTMModel", "Scoring", "ScoreReports", "LosslessJSON",
                "Mutation", "HeuristicMutator", "LanguageModelMutators", "CurlHTTP", "ExperimentLog", "AutoResearchLoop", "RunDeliverables",
                "JobQueue", "Fleet", "SystemdNotify", "PreviewSimulator", "ObjectStore", "TagManagerAPI", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(name: "TestSupport", dependencies: ["GTMModel", "LosslessJSON", "CurlHTTP", "SystemdNotify", "ObjectStore", "TagManagerAPI"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "LosslessJSONTests", dependencies: ["LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "GTMModelTests", dependencies: ["GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ScoreReportsTests", dependencies: ["ScoreReports", "Scoring", "GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MutationTests", dependencies: ["Mutation", "PatchGuard", "PreviewSimulator", "GTMModel", "Scoring", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HeuristicMutatorTests", dependencies: ["HeuristicMutator", "Mutation", "PatchGuard", "GTMModel", "Scoring", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LanguageModelMutatorsTests", dependencies: ["LanguageModelMutators", "CurlHTTP", "Mutation", "GTMModel", "Scoring", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ExperimentLogTests", dependencies: ["ExperimentLog", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "AutoResearchLoopTests", dependencies: ["AutoResearchLoop", "PreviewSimulator", "HeuristicMutator", "Mutation", "PatchGuard", "ExperimentLog", "RunDeliverables", "GTMModel", "Scoring", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RunDeliverablesTests", dependencies: ["RunDeliverables", "PreviewSimulator", "ExperimentLog", "Scoring", "GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "JobQueueTests", dependencies: ["JobQueue", "ExperimentLog", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "PreviewSimulatorTests", dependencies: ["PreviewSimulator", "GTMModel", "LosslessJSON", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "FleetTests", dependencies: [
            "Fleet", "JobQueue", "ExperimentLog", "AutoResearchLoop", "HeuristicMutator", "Mutation", "Scoring", "PreviewSimulator", "TestSupport",
            "Delivery",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "CronTests", dependencies: ["Cron"], swiftSettings: swiftSettings),
        // The notifier against real datagram sockets; the units under systemd-analyze; Scripts/install-systemd.
        .testTarget(name: "SystemdNotifyTests", dependencies: ["SystemdNotify", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "LosslessJSON", "CurlHTTP", "SystemdNotify", "ObjectStore", "GTMModel", "TagManagerAPI"], swiftSettings: swiftSettings),
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore", "CurlHTTP", "TestSupport"], swiftSettings: swiftSettings),
        // Unit tests, and the real libcurl client against Tests/Fixtures/gtm_api_fixture.py on 127.0.0.1.
        .testTarget(name: "TagManagerAPITests", dependencies: [
            "TagManagerAPI", "CurlHTTP", "GTMModel", "LosslessJSON", "TestSupport",
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .testTarget(name: "DeliveryTests", dependencies: [
            "Delivery", "ObjectStore", "ExperimentLog", "RunDeliverables", "AutoResearchLoop", "HeuristicMutator", "Scoring", "GTMModel",
            "LosslessJSON", "TestSupport", "TagManagerAPI", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: swiftSettings),
    ]
)
