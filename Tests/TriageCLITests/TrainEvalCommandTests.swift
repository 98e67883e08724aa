import Foundation
import Testing

/// `triage train` (held-out evaluation, then a fit on everything), `triage eval --test FILE` and the built-in
/// default model.
@Suite(.serialized) struct TrainEvalCommandTests {
    /// A small labelled help-desk CSV written for these tests: the label column is `queue`.
    static func labelledCSV(extraLabel: String? = nil) -> String {
        let rows: [(String, String, String)] = [
            ("Refund for a double charge", "I was charged twice for my subscription this month, please refund one payment.", "Billing"),
            ("Invoice needs VAT number", "Our invoice is missing the VAT number, can you issue a corrected invoice?", "Billing"),
            ("Card declined at renewal", "The renewal payment failed and my card was declined, how do I update billing details?", "Billing"),
            ("Cannot log in", "Password reset mail never arrives and I am locked out of my account.", "Account & Access"),
            ("2FA lost phone", "I lost my phone with the two-factor app, please help me sign in to my account.", "Account & Access"),
            ("Locked account", "My account got locked after too many login attempts, please unlock it.", "Account & Access"),
            ("App crashes on export", "The app crashes every time I export a report to PDF, error 500 in the logs.", "Technical Support"),
            ("Sync broken", "Data sync with the API times out since the last update, the integration is failing.", "Technical Support"),
            ("Error after update", "Since the update the app shows an error and fails to upload files to the server.", "Technical Support"),
            ("Page not loading", "The dashboard page keeps loading forever in every browser since yesterday's update.", "Technical Support"),
        ]
        var text = "id,title,text,queue\n"
        for (index, row) in rows.enumerated() { text += "T-\(index),\(row.0),\"\(row.1)\",\(row.2)\n" }
        if let extraLabel {
            text += "T-90,Letter from our lawyer,\"Our lawyer will contact you about the contract terms.\",\(extraLabel)\n"
            text += "T-91,Legal notice,\"Please forward this legal notice about the contract to your legal team.\",\(extraLabel)\n"
        }
        return text
    }

    static let mapping = """
        fields:
          external_id: id
          subject: title
          body: text
          department: queue
        """

    static func write(_ scratch: Scratch, csv: String, name: String = "labelled.csv") throws {
        try csv.write(toFile: scratch.path(name), atomically: true, encoding: .utf8)
        try mapping.write(toFile: scratch.path("mapping.yml"), atomically: true, encoding: .utf8)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theBuiltInDefaultModelTriagesBeforeAnyTraining() async throws {
        let scratch = try Scratch()
        let csv = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/csv/tickets.csv").path
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try await scratch.runner.run(["run", "--db", "s.sqlite", "--backend", "local", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "built-in default model").count == 2, "said once: \(run.stderr)")
        #expect(run.stderr.contains("triage train"))
        #expect(try Self.json(run.stdout)["triaged"] as? Int ?? 0 > 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("s.model")), "nothing is written for the default")
    }

    @Test func trainReportsAHeldOutEvaluationThenFitsOnEverything() async throws {
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path
        #expect(try await scratch.runner.run(["import", "--db", "s.sqlite", samples]).status == 0)
        let train = try await scratch.runner.run(["train", "--db", "s.sqlite", "--holdout", "0.25", "--seed", "7", "--format", "json"])
        #expect(train.status == 0, "\(train.stderr)")
        let summary = try Self.json(train.stdout)
        let tickets = try #require(summary["tickets"] as? Int)
        #expect(tickets > 200, "the saved model is fitted on all labelled tickets")
        #expect(summary["holdout"] as? Double == 0.25)
        let evaluation = try #require(summary["evaluation"] as? [String: Any])
        let scored = try #require(evaluation["count"] as? Int)
        #expect(Double(scored) > 0.2 * Double(tickets) && Double(scored) < 0.3 * Double(tickets))
        #expect(try #require(evaluation["accuracy"] as? Double) > 0.5)
        #expect(FileManager.default.fileExists(atPath: scratch.path("s.model")))

        let none = try await scratch.runner.run(["train", "--db", "s.sqlite", "--holdout", "0", "--format", "json"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(try Self.json(none.stdout)["evaluation"] == nil)

        let bad = try await scratch.runner.run(["train", "--db", "s.sqlite", "--holdout", "1"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--holdout"))

        let text = try await scratch.runner.run(["train", "--db", "s.sqlite"])
        #expect(text.stdout.contains("held-out evaluation"))
        #expect(text.stdout.contains("on all \(tickets) labelled tickets"))
        #expect(text.stdout.contains("priority on"), "the samples carry priority labels: \(text.stdout)")
    }

    @Test func labelsOutsideTheConfiguredDepartmentsAreWarnedAbout() async throws {
        let scratch = try Scratch()
        try Self.write(scratch, csv: Self.labelledCSV(extraLabel: "Legal"))
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", "--from", "csv", "--mapping", "mapping.yml", "labelled.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let train = try await scratch.runner.run(["train", "--db", "s.sqlite", "--holdout", "0"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("Legal (2)"))
        #expect(train.stderr.contains("departments:"), "says what to do")
    }

    @Test func evalScoresALabelledFileThatIsNotInTheStore() async throws {
        let scratch = try Scratch()
        try Self.write(scratch, csv: Self.labelledCSV())
        #expect(try await scratch.runner.run(["import", "--db", "s.sqlite", "--from", "csv", "--mapping", "mapping.yml", "labelled.csv"]).status == 0)
        #expect(try await scratch.runner.run(["train", "--db", "s.sqlite", "--holdout", "0"]).status == 0)
        let before = try await scratch.runner.run(["list", "--db", "s.sqlite", "--format", "json"]).stdout

        try Self.labelledCSV().replacingOccurrences(of: "T-", with: "X-").write(toFile: scratch.path("test.csv"), atomically: true, encoding: .utf8)
        let eval = try await scratch.runner.run(["eval", "--db", "s.sqlite", "--test", "test.csv", "--from", "csv", "--mapping", "mapping.yml", "--format", "json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let report = try Self.json(eval.stdout)
        #expect(report["count"] as? Int == 10)
        #expect(report["accuracy"] as? Double == 1, "the model has seen these texts")
        #expect((report["perLabel"] as? [[String: Any]])?.count == 3)
        #expect(report["confusion"] != nil && report["calibration"] != nil)
        let after = try await scratch.runner.run(["list", "--db", "s.sqlite", "--format", "json"]).stdout
        #expect(before == after, "the test file is not imported into the store")

        let text = try await scratch.runner.run(["eval", "--db", "s.sqlite", "--test", "test.csv", "--mapping", "mapping.yml"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("macro-F1"))

        try "fields:\n  external_id: id\n  body: text\n".write(toFile: scratch.path("nolabel.yml"), atomically: true, encoding: .utf8)
        let unlabelled = try await scratch.runner.run(["eval", "--db", "s.sqlite", "--test", "test.csv", "--from", "csv", "--mapping", "nolabel.yml"])
        #expect(unlabelled.status != 0)
        #expect(unlabelled.stderr.contains("department"), "\(unlabelled.stderr)")

        let missing = try await scratch.runner.run(["eval", "--db", "s.sqlite", "--test", "nope.csv"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.csv"))
    }
}
