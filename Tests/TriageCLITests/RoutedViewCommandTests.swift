import Foundation
import Testing

/// `triage list` and `triage show` show what routing rules changed, escalated and fired.
@Suite(.serialized) struct RoutedViewCommandTests {
    static let rules = """
        version: 1
        rules:
          - id: double-charge
            when: {field: subject, is: "Charged twice for November"}
            then:
              - set_department: Finance
              - set_priority: urgent
              - add_tags: [refund-check]
              - remove_tags: [double_charge]
              - needs_human: {reason: Refund over the limit}
              - escalate: {team: finance-leads, reason: Double charge}
        """

    func routedScratch() async throws -> Scratch {
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/zendesk/tickets.json").path
        try Self.rules.write(toFile: scratch.path("rules.yml"), atomically: true, encoding: .utf8)
        for step in [["import", samples], ["train"], ["run", "--backend", "local", "--no-route"],
                     ["route", "--rules", "rules.yml"]] {
            let result = try await scratch.runner.run(step + ["--db", "s.sqlite"])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        return scratch
    }

    @Test func listAndShowCarryTheRoutedView() async throws {
        let scratch = try await routedScratch()

        let list = try await scratch.runner.run(["list", "--db", "s.sqlite", "--limit", "100"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.hasPrefix("ID  TICKET"))
        #expect(list.stdout.contains("PRIORITY") && list.stdout.contains("ROUTING"))
        let line = try #require(list.stdout.split(separator: "\n").first { $0.contains("zendesk:41001") })
        #expect(line.contains("Finance *") && line.contains("urgent *"))
        #expect(line.contains("+refund-check -double_charge needs-human"))
        #expect(list.stderr.contains("* set by a routing rule"))
        let other = try #require(list.stdout.split(separator: "\n").first { $0.contains("zendesk:41002") })
        #expect(!other.contains("*"))

        let filtered = try await scratch.runner.run(["list", "--db", "s.sqlite", "--department", "Finance", "--format", "json"])
        let tickets = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
        #expect(tickets.count == 1)
        let ticket = try #require(tickets.first)
        // The earlier fields are all still there; `routing` is added.
        #expect(ticket["external_id"] as? String == "41001" && ticket["label_department"] as? String == "Billing")
        #expect(((ticket["triage"] as? [String: Any])?["result"] as? [String: Any])?["department"] is String)
        let routing = try #require(ticket["routing"] as? [String: Any])
        #expect(routing["department"] as? String == "Finance" && routing["priority"] as? String == "urgent")
        #expect(routing["added_tags"] as? [String] == ["refund-check"] && routing["removed_tags"] as? [String] == ["double_charge"])
        #expect(routing["needs_human_reason"] as? String == "Refund over the limit")
        #expect(routing["current"] as? Bool == true)
        #expect(routing["escalations"] == nil && routing["firings"] == nil)

        let show = try await scratch.runner.run(["show", "--db", "s.sqlite", "zendesk:41001"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Routing:    department → Finance; priority → urgent; tags + refund-check; tags − double_charge"))
        #expect(show.stdout.contains("Needs a human (rule): Refund over the limit"))
        #expect(show.stdout.contains("Escalations:\n  20"))
        #expect(show.stdout.contains("  finance-leads  Double charge  [double-charge]"))
        #expect(show.stdout.contains("Rule firings:\n  20"))
        #expect(show.stdout.contains("  double-charge  → finance-leads"))
        let plain = try await scratch.runner.run(["show", "--db", "s.sqlite", "zendesk:41002"])
        #expect(plain.stdout.contains("Routing:    rules changed nothing"))

        let json = try await scratch.runner.run(["show", "--db", "s.sqlite", "--format", "json", "zendesk:41001"])
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((detail["messages"] as? [Any])?.isEmpty == false)
        let detailRouting = try #require(detail["routing"] as? [String: Any])
        let escalations = try #require(detailRouting["escalations"] as? [[String: Any]])
        #expect(escalations.count == 1)
        #expect(escalations.first?["team"] as? String == "finance-leads" && escalations.first?["rule_id"] as? String == "double-charge")
        let firings = try #require(detailRouting["firings"] as? [[String: Any]])
        #expect(firings.count == 1)
        #expect(firings.first?["rule_id"] as? String == "double-charge")
        #expect(firings.first?["teams"] as? [String] == ["finance-leads"])
        #expect(firings.first?["fired_at"] is String && firings.first?["current"] as? Bool == true)
    }
}
