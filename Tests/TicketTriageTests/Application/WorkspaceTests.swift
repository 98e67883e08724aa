import Foundation
import Testing
import TicketTriage
import TriageModel
import TriageRules
import TriageStore

/// Where the store, the settings and the rules file are, and the errors when they are not.
@Suite struct WorkspaceTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func flagsWinOverTheEnvironmentAndAMissingStoreIsNotCreatedByCommandsThatNeedOne() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let environment = ["TRIAGE_DB": dir.appendingPathComponent("env.sqlite").path]
        #expect(Workspace(databaseFlag: nil, configurationFlag: nil, environment: environment).databasePath == environment["TRIAGE_DB"])
        let flagged = Workspace(databaseFlag: dir.appendingPathComponent("flag.sqlite").path, configurationFlag: nil,
                                environment: environment)
        #expect(flagged.databasePath.hasSuffix("flag.sqlite"))
        do {
            _ = try flagged.openExistingStore()
            Issue.record("opened a store that does not exist")
        } catch let error as CommandFailure {
            #expect(error.exitStatus == .noInput)
            #expect(error.message.contains("triage import"))
        }
        #expect(!FileManager.default.fileExists(atPath: flagged.databasePath))
        _ = try flagged.openStore()
        #expect(FileManager.default.fileExists(atPath: flagged.databasePath))
        #expect(try flagged.openReadOnlyStore().isReadOnly)
    }

    @Test func aBrokenSettingsFileIsAConfigurationErrorEvenForReadingCommands() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("triage.yml").path
        try "needs_human_treshold: 0.7\n".write(toFile: config, atomically: true, encoding: .utf8)
        let workspace = Workspace(databaseFlag: dir.appendingPathComponent("s.sqlite").path, configurationFlag: config, environment: [:])
        _ = try workspace.openStore()
        do {
            _ = try workspace.openReadOnlyStore()
            Issue.record("a misspelt key was accepted")
        } catch let error as ConfigurationError {
            #expect(error.exitStatus == .configuration)
            #expect(error.userMessage.contains("needs_human_treshold"))
        }
    }

    @Test func theRulesFileIsTheFlagElseRulesOfTheSettingsRelativeToThem() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("conf"), withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("conf/triage.yml").path
        try "rules: routing.yml\n".write(toFile: config, atomically: true, encoding: .utf8)
        try "version: 1\nrules:\n  - id: tag-all\n    when: {field: subject, exists: true}\n    then:\n      - add_tags: [seen]\n"
            .write(toFile: dir.appendingPathComponent("conf/routing.yml").path, atomically: true, encoding: .utf8)
        let workspace = Workspace(databaseFlag: nil, configurationFlag: config, environment: [:])

        let configured = try RulesFile(explicit: nil, workspace: workspace)
        #expect(configured.path == dir.appendingPathComponent("conf/routing.yml").path)
        #expect(try configured.ruleSet().rules.map(\.id) == ["tag-all"])
        #expect(try configured.problems().isEmpty)
        #expect(RulesFile.ifConfigured(explicit: nil, configuration: try workspace.configuration(),
                                       configurationPath: workspace.configurationPath)?.path == configured.path)

        let explicit = try RulesFile(explicit: "/nowhere/rules.yml", workspace: workspace)
        #expect(explicit.path == "/nowhere/rules.yml")
        do {
            _ = try explicit.ruleSet()
            Issue.record("read a rules file that does not exist")
        } catch let error as RoutingError {
            #expect(error.exitStatus == .configuration)
            #expect(error.userMessage.contains("/nowhere/rules.yml"))
        }

        let bare = Workspace(databaseFlag: nil, configurationFlag: nil, environment: ["TRIAGE_CONFIG": "/nowhere/triage.yml"])
        #expect(throws: ConfigurationError.self) { try RulesFile(explicit: nil, workspace: bare) }
        let none = Workspace(databaseFlag: nil, configurationFlag: dir.appendingPathComponent("none.yml").path, environment: [:])
        try "needs_human_threshold: 0.7\n".write(toFile: dir.appendingPathComponent("none.yml").path, atomically: true, encoding: .utf8)
        #expect(RulesFile.ifConfigured(explicit: nil, configuration: try none.configuration(), configurationPath: none.configurationPath) == nil)
        do {
            _ = try RulesFile(explicit: nil, workspace: none)
            Issue.record("found a rules file where none is configured")
        } catch let error as RoutingError {
            #expect(error.exitStatus == .configuration)
            #expect(error.userMessage.contains("rules: rules.yml"))
        }
    }

    @Test func aRulesFileWithErrorsIsRefusedWithEachProblemAndCheckedWithoutThrowing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rules.yml").path
        try "version: 1\nrules:\n  - id: broken\n    when: {field: nonsense, is: x}\n    then:\n      - add_tags: [seen]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let settings = dir.appendingPathComponent("triage.yml").path
        try "needs_human_threshold: 0.7\n".write(toFile: settings, atomically: true, encoding: .utf8)
        let file = try RulesFile(explicit: path, workspace: Workspace(databaseFlag: nil, configurationFlag: settings, environment: [:]))
        #expect(try file.problems().contains { $0.severity == .error })
        do {
            _ = try file.router()
            Issue.record("a rules file with an unknown field was accepted")
        } catch let error as RulesError {
            #expect(error.exitStatus == .configuration)
            #expect(error.userMessage.contains("nonsense"))
        }
    }
}
