import ArgumentParser
import Foundation
import TicketTriage
import TriageStore

/// `triage route`: apply the rules to triaged tickets, then deliver the outbox.
struct Route: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the routing rules to triaged tickets and deliver pending webhooks.",
        discussion: """
            Each rule fires at most once per ticket content version; its notifications are committed with the firing
            and delivered afterwards (retried on the next run until delivered).
              triage route --rules SampleTickets/rules.yml
              triage route --dry-run
            Exit status: 0 when every webhook due was delivered; 75 when some wait to be retried (the next
            `triage route` or `triage outbox retry` sends them); 1 when delivery gave up on some (`triage outbox list --failed`).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var rules: RulesFileOption
    @Flag(help: "Show what would fire; write and send nothing.") var dryRun = false
    @Flag(help: "Record firings but do not deliver the outbox now.") var noDelivery = false
    @Option(help: "Seconds one webhook POST may take.") var timeout: Double = 10

    func run() async throws {
        let store = try global.openExistingStore()
        let service = RoutingService(store: store, router: try rules.file(global).router(),
                                     delivery: try global.outboxDelivery(policy: DeliveryPolicy(timeout: .milliseconds(Int64(timeout * 1000)))))
        let outcome = try await service.run(dryRun: dryRun, deliver: !noDelivery)
        if output.format == .json { try Terminal.json(outcome) } else { print(outcome) }
        try outcome.requireDelivered()
    }

    /// `, 3 help desk write(s)` when rules wrote back (left out otherwise, so the line reads as before).
    static func writeBacks(_ w: RoutingWriteCounts) -> String {
        w.writeBacks > 0 ? ", \(w.writeBacks) help desk write(s)" : ""
    }

    private func print(_ s: RoutingService.Outcome) {
        let w = s.routing.written
        for line in s.routing.sample.prefix(10) {
            Terminal.out("\(line.ticket)  \(line.rule)  \(line.matched.joined(separator: "; "))")
        }
        if w.firings > 10 { Terminal.out("… and \(w.firings - 10) more firing(s)") }
        Terminal.out(dryRun
            ? "Would route \(s.routing.tickets) ticket(s): \(w.firings) firing(s), \(w.escalations) escalation(s), \(w.notifications) notification(s)\(Self.writeBacks(w)); nothing written"
            : "Routed \(s.routing.tickets) ticket(s): \(w.firings) new firing(s), \(w.escalations) escalation(s), \(w.notifications) notification(s)\(Self.writeBacks(w)) queued")
        for (rule, count) in s.routing.firingsByRule.sorted(by: { $0.key < $1.key }) { Terminal.out("  \(rule): \(count)") }
        if let d = s.delivery {
            Terminal.out("Delivered \(d.delivered) outbox row(s); \(d.retryLater) to retry later, \(d.gaveUp) given up, "
                         + "\(d.failedAttempts) failed attempt(s)")
            for error in d.errors.prefix(20) { Terminal.err("  \(error)") }
        }
        if let o = s.outbox { Terminal.out("Outbox: \(o.pending) pending, \(o.delivered) delivered, \(o.failed) failed") }
    }
}
