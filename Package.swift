// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features that keep APIs honest.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "TicketTriage",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "triage", targets: ["triage"]),
        .executable(name: "mock-anthropic", targets: ["mock-anthropic"]),
        .executable(name: "mock-helpdesk", targets: ["mock-helpdesk"]),
        .library(name: "TicketTriage", targets: ["TicketTriage"]),
        .library(name: "MailParser", targets: ["MailParser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.20.0"),
    ],
    targets: [
        // MARK: - Values
        .target(name: "TriageModel", swiftSettings: swiftSettings),

        // MARK: - System libraries
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // MARK: - Parsers and importers
        .target(name: "MailParser", swiftSettings: swiftSettings),
        .target(
            name: "TriageImport",
            dependencies: ["TriageModel", "MailParser", "CLibXML2", "Yams"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Storage
        .target(
            name: "TriageStore",
            dependencies: ["TriageModel", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Network and the Claude API
        .target(name: "TriageNetwork", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        .target(
            name: "AnthropicClient",
            dependencies: ["TriageNetwork", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Help desk APIs
        .target(
            name: "HelpdeskAPI",
            dependencies: ["TriageModel", "TriageImport", "TriageNetwork"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Stages
        .target(
            name: "TriageClassify",
            dependencies: [
                "TriageModel", "AnthropicClient",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "TriageRules", dependencies: ["TriageModel", "Yams"], swiftSettings: swiftSettings),
        .target(
            name: "TriageReports",
            dependencies: ["TriageModel", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Pipeline and CLI
        .target(
            name: "TicketTriage",
            dependencies: [
                "TriageModel", "TriageImport", "TriageStore", "TriageNetwork",
                "AnthropicClient", "TriageClassify", "TriageRules", "TriageReports", "Yams", "HelpdeskAPI",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TicketTriage", "TriageModel", "TriageStore", "TriageImport", "TriageClassify", "AnthropicClient",
                "TriageRules", "TriageReports", "HelpdeskAPI", "TriageNetwork",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Test support, fakes and benchmarks
        .target(
            name: "TriageTestSupport",
            dependencies: [
                "TriageModel", "AnthropicClient", "TriageNetwork", "TriageRules",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mock-anthropic",
            dependencies: ["TriageTestSupport"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mock-helpdesk",
            dependencies: ["TriageTestSupport"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "triage-bench",
            dependencies: [
                "TicketTriage", "TriageTestSupport", "TriageImport", "TriageStore", "TriageModel", "TriageClassify",
                "TriageRules", "AnthropicClient", "TriageNetwork", "HelpdeskAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/triage-bench",
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests (one target per module, mirroring Sources/)
        .testTarget(name: "TriageModelTests", dependencies: ["TriageModel"], swiftSettings: swiftSettings),
        .testTarget(name: "MailParserTests", dependencies: ["MailParser"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "TriageImportTests",
            dependencies: ["TriageImport", "TriageModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageStoreTests",
            dependencies: ["TriageStore", "TriageModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageNetworkTests",
            dependencies: ["TriageNetwork", "TriageTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AnthropicClientTests",
            dependencies: ["AnthropicClient", "TriageTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageClassifyTests",
            dependencies: ["TriageClassify", "TriageTestSupport"],
            resources: [.copy("Claude/Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpdeskAPITests",
            dependencies: ["HelpdeskAPI", "TriageNetwork", "TriageTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TriageRulesTests", dependencies: ["TriageRules", "TriageTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TriageReportsTests",
            dependencies: ["TriageReports", "TriageModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketTriageTests",
            dependencies: ["TicketTriage", "TriageTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageCLITests",
            // `triage` is a dependency so that `swift build --build-tests` builds the binary these tests run.
            dependencies: ["triage", "TriageTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ]
)
