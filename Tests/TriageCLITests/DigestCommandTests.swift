import Foundation
import Testing
import TriageTestSupport

@Suite struct DigestCommandTests {
    static let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path

    func importedScratch() async throws -> Scratch {
        let scratch = try Scratch()
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", "\(Self.samples)/zendesk/tickets.json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return scratch
    }

    @Test func writesEachFormatForAGivenDay() async throws {
        let scratch = try await importedScratch()
        let html = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--format", "html", "--out", "d.html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.isEmpty)
        #expect(html.stderr.contains("written to d.html"))
        let page = try String(contentsOfFile: scratch.path("d.html"), encoding: .utf8)
        #expect(page.contains("<html") && page.contains("18 November 2026"))

        let json = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        let newTickets = try #require(object["new_tickets"] as? [String: Any])
        #expect((newTickets["total"] as? Int ?? 0) > 0)
    }

    @Test func slaIsNotConfiguredWithoutARulesFileAndMeasuredAtTheDayEndWithOne() async throws {
        let scratch = try await importedScratch()
        let plain = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--format", "text"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("SLA: not configured"))
        #expect(plain.stdout.contains("SLA breaches: – (not configured)"))
        #expect(!plain.stdout.contains("no SLA breaches"))
        let json = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--format", "json"])
        #expect(json.stdout.contains("\"sla_configured\" : false"))

        let measured = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--format", "text",
                                                     "--rules", "\(Self.samples)/rules.yml"])
        #expect(measured.status == 0, "\(measured.stderr)")
        #expect(!measured.stdout.contains("not configured"))
        // Times are said against the reported day, however long ago it was.
        #expect(!measured.stdout.contains("overdue"))
        #expect(measured.stdout.contains("after the day's end") || measured.stdout.contains("At risk (0)"))
    }

    @Test func badInputsHaveTheirExitCodes() async throws {
        let scratch = try await importedScratch()
        let date = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "yesterday"])
        #expect(date.status == 64)
        let impossible = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-02-30"])
        #expect(impossible.status == 64)
        #expect(impossible.stderr.contains("2026-02-30"))
        let zone = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--time-zone", "Mars/Olympus"])
        #expect(zone.status == 64)
        let noMail = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--send"])
        #expect(noMail.status == 78)
        #expect(noMail.stderr.contains("digest.mail"))
        let noStore = try await scratch.runner.run(["digest", "--db", "missing.sqlite"])
        #expect(noStore.status == 66)
    }

    @Test func sendsOnceUnlessForced() async throws {
        let receiver = try LoopbackSMTPReceiver()
        defer { receiver.stop() }
        let scratch = try await importedScratch()
        try Data("""
            digest:
              time_zone: Europe/Berlin
              mail:
                server: smtp://127.0.0.1:\(receiver.port)
                tls: none
                from: "Triage <triage@example.com>"
                to: [lead@example.com]
                username: digest
            """.utf8).write(to: URL(fileURLWithPath: scratch.path("triage.yml")))
        let arguments = ["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--send"]
        let first = try await scratch.runner.run(arguments, environment: ["TRIAGE_SMTP_PASSWORD": "pw"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("sent to lead@example.com"))
        let retry = try await scratch.runner.run(arguments, environment: ["TRIAGE_SMTP_PASSWORD": "pw"])
        #expect(retry.status == 0)
        #expect(retry.stderr.contains("already sent"))
        #expect(receiver.received.count == 1)
        let forced = try await scratch.runner.run(arguments + ["--force"], environment: ["TRIAGE_SMTP_PASSWORD": "pw"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(receiver.received.count == 2)
        #expect(receiver.received.first?.authenticatedPassword == "pw")
        #expect(receiver.received.first?.data.contains("Subject: Support digest 2026-11-18") == true)
    }
}

@Suite(.serialized) struct DigestWebhookCommandTests {
    @Test func postsTheMarkdownOncePerDayUnlessForced() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets").path
        _ = try await scratch.runner.run(["import", "--db", "s.sqlite", "\(samples)/zendesk/tickets.json"])
        let arguments = ["digest", "--db", "s.sqlite", "--date", "2026-11-18", "--out", "d.md", "--format", "md",
                         "--post", receiver.url.absoluteString]
        let first = try await scratch.runner.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("posted to"))
        let retry = try await scratch.runner.run(arguments)
        #expect(retry.stderr.contains("already posted"))
        #expect(await receiver.requestCount == 1)
        let forced = try await scratch.runner.run(arguments + ["--force"])
        #expect(forced.status == 0)
        #expect(await receiver.requestCount == 2)
    }
}
