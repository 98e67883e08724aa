import ArgumentParser
import Foundation
import TriageReports
import TriageRules
import TriageStore
import TicketTriage
import TriageModel

struct Digest: AsyncParsableCommand {
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

    @OptionGroup var rules: RulesFileOption

    @Option(help: ArgumentHelp("Also post the digest to this chat webhook (Slack-compatible {\"text\": …}), once per day unless --force. Prefer --post-chat: a URL here shows in `ps` and the shell history.", valueName: "url"))
    var post: String?

    @Flag(help: "Also post the digest to the chat webhook in $TRIAGE_CHAT_WEBHOOK, else digest.chat_webhook in triage.yml.")
    var postChat = false

    enum SummaryWriter: String, ExpressibleByArgument {
        case numbers, claude
    }

    @Option(help: "Executive summary: composed from the numbers, or written by Claude from the day's ticket summaries (needs ANTHROPIC_API_KEY; calls are recorded with their cost).")
    var summary: SummaryWriter = .numbers

    func validate() throws {
        if let date, !DigestJob.isValidDate(date) {
            throw ValidationError("--date \(date) is not a calendar day written YYYY-MM-DD (e.g. 2026-11-24)")
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone \(timeZone) is not an IANA time zone (e.g. Europe/Berlin)")
        }
        if force && !send && post == nil && !postChat { throw ValidationError("--force only applies with --send or --post") }
        if post != nil && postChat { throw ValidationError("give the chat webhook once: --post URL or --post-chat") }
        if template != nil && format == .json { throw ValidationError("--template does not apply to --format json") }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let settings = configuration.digest
        let store = send || post != nil || postChat || summary == .claude ? try global.openExistingStore() : try global.openReadOnlyStore()
        let job = DigestJob(store: store, settings: settings, environment: global.environment)
        let request = DigestJob.Request(date: date, timeZone: timeZone, format: format.rawValue,
                                        customTemplate: template, templatesDirectory: templates)
        let data = try job.data(for: request, sla: try slaPolicy(configuration))
        let label = DigestJob.describe(data)
        let written = summary == .claude && format != .json
            ? try await DigestSummaryService(store: store, configuration: configuration, environment: global.environment,
                                   logger: global.logger()).write(for: data) : nil
        if out != nil || !send {
            let text = try job.render(data, request: request, summary: written)
            if let out {
                // Text and Markdown are read in terminals and editors: no control characters from tickets.
                try DigestDelivery.write(format == .text || format == .md ? DisplayText.safe(text) : text, to: out)
                Terminal.err("\(label) written to \(out)")
            } else {
                // Ticket text must not reach the terminal as escape sequences; JSON escapes its own.
                Terminal.raw(format == .json ? String(decoding: DisplayText.escapingControlsInJSON(Data(text.utf8)), as: UTF8.self)
                                             : DisplayText.safe(text))
            }
        }
        if let url = try chatWebhook(configuration) {
            // Chat text, not Markdown: Slack-style services read `<…>` as mentions and links and know no
            // backslash escapes, so the plain-text digest goes with `&`, `<` and `>` escaped.
            var textRequest = request
            textRequest.format = "text"
            textRequest.customTemplate = nil
            let text = ChatText.escaped(DisplayText.safe(try job.render(data, request: textRequest, summary: written)))
            switch try await DigestWebhookPost(store: store).post(markdown: text, for: data.day, to: url, force: force) {
            case .sent: Terminal.err("\(label) posted to \(TargetRedaction.hostAndPort(of: url.absoluteString))")
            case .alreadySent(let at):
                Terminal.err("\(label) was already posted at \(ISO8601DateFormatter().string(from: at)); not posted again (--force reposts)")
            }
        }
        if send {
            switch try job.send(data, request: request, force: force, summary: written) {
            case .sent:
                Terminal.err("\(label) sent to \(settings.mail.to.joined(separator: ", "))")
            case .alreadySent(let at):
                Terminal.err("\(label) was already sent at \(ISO8601DateFormatter().string(from: at)); not sent again (--force resends)")
            }
        }
    }

    /// The chat webhook to post to: `--post URL`, or with --post-chat `$TRIAGE_CHAT_WEBHOOK`, else
    /// `digest.chat_webhook`. Errors name where the URL came from and its host, never the URL (it is the secret).
    private func chatWebhook(_ configuration: TriageConfiguration) throws -> URL? {
        let text: String
        let origin: String
        if let post {
            (text, origin) = (post, "--post")
        } else if postChat {
            if let env = global.environment["TRIAGE_CHAT_WEBHOOK"], !env.isEmpty {
                (text, origin) = (env, "TRIAGE_CHAT_WEBHOOK")
            } else if let configured = configuration.digestChatWebhook, !configured.isEmpty {
                (text, origin) = (configured, "digest.chat_webhook")
            } else {
                throw CommandFailure("--post-chat needs the webhook URL in $TRIAGE_CHAT_WEBHOOK or digest.chat_webhook in triage.yml",
                                     status: .configuration)
            }
        } else {
            return nil
        }
        guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host?.isEmpty == false else {
            throw CommandFailure("\(origin) is not an http(s) URL (it is not shown: a webhook URL holds its token)",
                                 status: .configuration)
        }
        return url
    }

    /// The SLA policy of the rules file (`--rules`, else `rules:` in triage.yml), when it has an `sla:` section.
    private func slaPolicy(_ configuration: TriageConfiguration) throws -> DigestSLA? {
        guard let file = RulesFile.ifConfigured(explicit: rules.path, configuration: configuration,
                                                configurationPath: global.workspace.configurationPath) else { return nil }
        return try file.ruleSet().sla.map { DigestSLA(policy: $0) }
    }
}
