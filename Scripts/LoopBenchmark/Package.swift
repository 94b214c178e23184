// swift-tools-version: 6.0
// The loop benchmark, kept out of the product: `Scripts/bench-loop` builds and runs it.
import PackageDescription

let package = Package(
    name: "LoopBenchmark",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "gtm-autoresearch", path: "../..")],
    targets: [
        .executableTarget(
            name: "loop-benchmark",
            dependencies: [
                .product(name: "AutoResearchLoop", package: "gtm-autoresearch"),
                .product(name: "HeuristicMutator", package: "gtm-autoresearch"),
                .product(name: "ExperimentLog", package: "gtm-autoresearch"),
                .product(name: "Mutation", package: "gtm-autoresearch"),
                .product(name: "PatchGuard", package: "gtm-autoresearch"),
                .product(name: "PreviewSimulator", package: "gtm-autoresearch"),
                .product(name: "LosslessJSON", package: "gtm-autoresearch"),
                .product(name: "GTMModel", package: "gtm-autoresearch"),
                .product(name: "Scoring", package: "gtm-autoresearch"),
            ]
        ),
    ]
)
