import Foundation
import Testing

@Suite(.serialized) struct TriageCommandTests {
    @Test func trainRunAndRerunWithTheLocalModel() async throws {
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", samples])
        #expect(imported.status == 0, "\(imported.stderr)")

        let train = try await scratch.runner.run(["train", "--db", "s.sqlite"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("held-out evaluation"))
        #expect(FileManager.default.fileExists(atPath: scratch.path("s.model")))

        let dry = try await scratch.runner.run(["run", "--db", "s.sqlite", "--dry-run"])
        #expect(dry.stdout.contains("ticket(s) would be triaged"))

        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "local", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let triaged = try #require(report["triaged"] as? Int)
        #expect(triaged > 200)
        #expect(report["still_pending"] as? Int == 0)

        // Nothing is triaged twice.
        let again = try await scratch.runner.run(["run", "--db", "s.sqlite", "--format", "json"])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(second["triaged"] as? Int == 0)

        let show = try await scratch.runner.run(["show", "--db", "s.sqlite", "--format", "json", "zendesk:41033"])
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let result = (ticket["triage"] as? [String: Any])?["result"] as? [String: Any]
        let departments = ["Billing", "Technical Support", "Account & Access", "Shipping & Returns", "Sales",
                           "Product Feedback", "Security & Abuse", "General Inquiry"]
        #expect(departments.contains(result?["department"] as? String ?? "Legal"), "a prompt injection cannot invent a department")

        let eval = try await scratch.runner.run(["eval", "--db", "s.sqlite", "--format", "json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("accuracy"))
    }
}
