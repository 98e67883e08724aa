import ArgumentParser
import Foundation
import TicketTriage
import TriageRules
import TriageModel
import TriageStore

/// `triage rules check|test|explain`: work with the routing rules file.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check routing rules, test them over stored tickets, explain a ticket's routing.",
        discussion: """
            The rules file is --rules FILE, else `rules:` in triage.yml (relative to it).
              triage rules check SampleTickets/rules.yml
              triage rules test --since 2026-11-01
              triage rules explain zendesk:41017
            """,
        subcommands: [Check.self, Test.self, Explain.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List problems in a rules file (file:line:column); exit 1 on any error, 0 when clean or only warnings.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The rules file (default: the configured one).") var file: String?
        @OptionGroup var rules: RulesFileOption

        func validate() throws {
            if file != nil && rules.path != nil { throw ValidationError("give the rules file once: as an argument or with --rules") }
        }

        func run() throws {
            let rulesFile = try RulesFile(explicit: file ?? rules.path, workspace: global.workspace)
            let path = rulesFile.path
            let problems: [RuleProblem]
            do {
                problems = try rulesFile.problems()
            } catch RoutingError.unreadableRules(_, let reason) {
                throw CommandFailure("cannot read \(path): \(reason)", status: .noInput)
            }
            let errors = problems.filter { $0.severity == .error }.count
            if output.format == .json {
                try Terminal.json(problems)
            } else {
                for problem in problems { Terminal.out("\(path):\(problem)") }
                Terminal.out(problems.isEmpty ? "\(path): no problems"
                             : "\(path): \(errors) error(s), \(problems.count - errors) warning(s)")
            }
            if errors > 0 { throw CommandFailure("\(path) has \(errors) error(s)", status: .failure) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How often each rule would fire over the stored triaged tickets (changes nothing).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var rules: RulesFileOption
        @Option(help: "Only tickets created on or after this date (YYYY-MM-DD).") var since: String?

        func run() throws {
            let sinceDate = try since.map(RulesFileOption.day)
            let store = try global.openReadOnlyStore()
            let router = try rules.file(global).router()
            let result = try router.fireCounts(store: store, since: sinceDate)
            if output.format == .json {
                return try Terminal.json(result.counts.map { RuleCount(rule: $0.ruleID, fired: $0.fired) })
            }
            Terminal.out("Over \(result.tickets) triaged ticket(s):")
            for (ruleID, fired) in result.counts {
                let share = result.tickets == 0 ? 0 : Double(fired) * 100 / Double(result.tickets)
                Terminal.out("  \(ruleID): \(fired) (\(String(format: "%.1f", share)) %)")
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each rule's verdict for one stored ticket and the condition that decided it.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var rules: RulesFileOption
        @Argument(help: "Store id or source:external_id.") var ticket: String

        func run() throws {
            let store = try global.openReadOnlyStore()
            let router = try rules.file(global).router()
            let explanation = try router.explain(store: store, reference: ticket)
            if output.format == .json { return try Terminal.json(explanation) }
            Terminal.out(explanation.text)
        }
    }
}

struct RuleCount: Encodable {
    var rule: String
    var fired: Int
}

/// `--rules FILE`, else the configuration's `rules:` path (relative to the configuration file).
struct RulesFileOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("The rules file (default: `rules:` in triage.yml).", valueName: "path"))
    var path: String?

    /// The rules file to use (see ``RulesFile``).
    func file(_ global: GlobalOptions) throws -> RulesFile {
        try RulesFile(explicit: path, workspace: global.workspace)
    }

    static func day(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else {
            throw CommandFailure("--since \(text): expected a date like 2026-11-01", status: .configuration)
        }
        return date
    }
}
