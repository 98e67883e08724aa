import ArgumentParser
import Foundation
import TriageModel
import TicketTriage

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented triage.yml and create an empty store.",
        discussion: "Refuses to overwrite an existing triage.yml unless --force is given.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Overwrite an existing configuration file.")
    var force = false

    func run() throws {
        let configPath = global.config ?? "triage.yml"
        if FileManager.default.fileExists(atPath: configPath), !force {
            throw CommandFailure("\(configPath) exists; pass --force to overwrite it", status: .failure)
        }
        do {
            try DefaultConfiguration.yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot write \(configPath): \(error.localizedDescription)", status: .failure)
        }
        _ = try global.openStore()
        Terminal.out("wrote \(configPath)")
        Terminal.out("store ready at \(global.databasePath)")
    }
}
