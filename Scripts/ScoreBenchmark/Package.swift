// swift-tools-version: 6.0
// The scorer benchmark, kept out of the product: `Scripts/bench-score` builds and runs it.
import PackageDescription

let package = Package(
    name: "ScoreBenchmark",
    dependencies: [.package(name: "gtm-autoresearch", path: "../..")],
    targets: [
        .executableTarget(
            name: "score-benchmark",
            dependencies: [
                .product(name: "LosslessJSON", package: "gtm-autoresearch"),
                .product(name: "GTMModel", package: "gtm-autoresearch"),
                .product(name: "Scoring", package: "gtm-autoresearch"),
            ]
        ),
    ]
)
