import ArgumentParser
import Foundation
import TicketTriage

struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write or send the daily digest for managers.",
        discussion: """
            The day is a calendar day in digest.time_zone (triage.yml; default UTC), yesterday unless --date is given.
              triage digest --format html --out digest.html
              triage digest --date 2026-11-24 --format md
              triage digest --send            # mail it (digest.mail in triage.yml; password in $TRIAGE_SMTP_PASSWORD)
            A digest that was sent is recorded; sending the same day again does nothing unless --force.
            Templates: --templates DIR, $TRIAGE_TEMPLATES, ./Templates, <triage>/../share/triage/Templates.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md, text, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The day to report on (default: yesterday in the digest's time zone).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("IANA time zone of the day (default: digest.time_zone, else UTC).", valueName: "zone"))
    var timeZone: String?

    @Option(help: "Output format: html, md, text or json.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the digest to this file instead of stdout.", valueName: "file"))
    var out: String?

    @Flag(help: "Mail the digest (text and HTML) to digest.mail.to.")
    var send = false

    @Flag(help: "With --send: send even if this day's digest was already sent.")
    var force = false

    @Option(help: ArgumentHelp("Your own Mustache template for --format (replaces the default).", valueName: "path"))
    var template: String?

    @Option(help: ArgumentHelp("Folder holding the default digest templates.", valueName: "dir"))
    var templates: String?

    func validate() throws {
        if let date, !DigestJob.isValidDate(date) {
            throw ValidationError("--date \(date) is not a calendar day written YYYY-MM-DD (e.g. 2026-11-24)")
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone \(timeZone) is not an IANA time zone (e.g. Europe/Berlin)")
        }
        if force && !send { throw ValidationError("--force only applies with --send") }
        if template != nil && format == .json { throw ValidationError("--template does not apply to --format json") }
    }

    func run() throws {
        try reportingErrors {
            let settings = try global.loadConfiguration().digest
            let store = try global.openExistingStore()
            let job = DigestJob(store: store, settings: settings, environment: global.environment)
            let request = DigestJob.Request(date: date, timeZone: timeZone, format: format.rawValue,
                                            customTemplate: template, templatesDirectory: templates)
            do {
                let data = try job.data(for: request)
                let label = DigestJob.describe(data)
                if out != nil || !send {
                    let text = try job.render(data, request: request)
                    if let out {
                        try DigestDelivery.write(text, to: out)
                        Terminal.err("\(label) written to \(out)")
                    } else {
                        FileHandle.standardOutput.write(Data(text.utf8))
                    }
                }
                if send {
                    switch try job.send(data, request: request, force: force) {
                    case .sent:
                        Terminal.err("\(label) sent to \(settings.mail.to.joined(separator: ", "))")
                    case .alreadySent(let at):
                        Terminal.err("\(label) was already sent at \(ISO8601DateFormatter().string(from: at)); not sent again (--force resends)")
                    }
                }
            } catch let error as DigestError {
                switch error {
                case .sendFailed: throw CLIError(error, exitCode: .unavailable)
                case .cannotWrite: throw CLIError(error, exitCode: .failure)
                case .invalidRequest, .templatesNotFound, .mailNotConfigured: throw CLIError(error, exitCode: .configuration)
                }
            } catch {
                throw CLIError(error, exitCode: .failure)
            }
        }
    }
}
