import Foundation
import Testing

/// Search finds what agents type; ticket text never reaches the terminal as control characters.
@Suite(.serialized) struct SafeOutputCommandTests {
    /// A Zendesk export whose first ticket tries to retitle the terminal, clear the screen and hide text behind
    /// a NUL; written from Zendesk's ticket fields (id, subject, description, status, via.channel, timestamps).
    static let hostile = #"""
        {"tickets": [
         {"id": 90001, "subject": "Invoice \u001b]0;pwned\u0007\u001b[2J overdue\u0000 hidden tail",
          "description": "Please pay \u001b[31mnow\u001b[0m at <https://evil.example|Bank login> <!channel>\u009b2J",
          "status": "open", "priority": "high", "tags": ["billing"], "via": {"channel": "email"},
          "created_at": "2026-11-24T08:00:00Z", "updated_at": "2026-11-24T09:00:00Z"},
         {"id": 90002, "subject": "Order TW-52005 missing", "description": "My order TW-52005 did not arrive; don't make me wait. E-mail me.",
          "status": "open", "priority": "normal", "tags": [], "via": {"channel": "web"},
          "created_at": "2026-11-24T10:00:00Z", "updated_at": "2026-11-24T10:00:00Z"}
        ]}
        """#

    /// No C0 control but newline (and tab, and the CR of CSV line ends), no DEL, no C1.
    static func isTerminalSafe(_ text: String, allowCR: Bool = false) -> Bool {
        !text.unicodeScalars.contains { s in
            (s.value < 0x20 && s != "\n" && s != "\t" && !(allowCR && s == "\r")) || (0x7F...0x9F).contains(s.value)
        }
    }

    func importedScratch() async throws -> Scratch {
        let scratch = try Scratch()
        try Self.hostile.write(toFile: scratch.path("hostile.json"), atomically: true, encoding: .utf8)
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", "--from", "zendesk-json", "hostile.json"])
        try #require(imported.status == 0, "\(imported.stderr)")
        return scratch
    }

    @Test func ticketNumbersHyphensAndApostrophesAreSearchedLiterally() async throws {
        let scratch = try await importedScratch()
        for query in ["TW-52005", "e-mail", "don't", "zendesk:90002"] {
            let hit = try await scratch.runner.run(["search", "--db", "s.sqlite", query])
            #expect(hit.status == 0, "\(query): \(hit.stderr)")
            #expect(hit.stdout.contains("zendesk:90002"), "\(query)")
        }
        let byNumber = try await scratch.runner.run(["search", "--db", "s.sqlite", "90001"])
        #expect(byNumber.stdout.hasPrefix("1  zendesk:90001"))

        let empty = try await scratch.runner.run(["search", "--db", "s.sqlite", "\"\""])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("the search query is empty"))
        let huge = try await scratch.runner.run(["search", "--db", "s.sqlite", String(repeating: "order ", count: 21_000)])
        #expect(huge.status == 64)
        #expect(huge.stderr.contains("at most 1024 are searched"))

        let fts = try await scratch.runner.run(["search", "--db", "s.sqlite", "--fts", "order OR invoice"])
        #expect(fts.status == 0)
        #expect(fts.stdout.contains("zendesk:90001") && fts.stdout.contains("zendesk:90002"))
        let badFTS = try await scratch.runner.run(["search", "--db", "s.sqlite", "--fts", "TW-52005"])
        #expect(badFTS.status == 64)
        #expect(!badFTS.stderr.contains("no such column") && !badFTS.stderr.contains("fts5"))
        #expect(badFTS.stderr.contains("without --fts"))
    }

    @Test func everyTextOutputNeutralisesControlCharactersAndJSONKeepsThemEscaped() async throws {
        let scratch = try await importedScratch()
        try """
            version: 1
            rules:
              - id: invoices
                when: {field: subject, contains: "Invoice"}
                then:
                  - add_tags: [invoice]
            """.write(toFile: scratch.path("rules.yml"), atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["list"], ["search", "overdue"], ["show", "zendesk:90001"], ["export", "--format", "csv"],
            ["outbox", "list", "--all"], ["stats"],
        ]
        for command in commands {
            let result = try await scratch.runner.run(command + ["--db", "s.sqlite"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(Self.isTerminalSafe(result.stdout, allowCR: command[0] == "export"), "\(command): \(result.stdout.debugDescription)")
            #expect(Self.isTerminalSafe(result.stderr), "\(command)")
        }
        let list = try await scratch.runner.run(["list", "--db", "s.sqlite"])
        #expect(list.stdout.contains("Invoice ␛]0;pwned␇␛[2J overdue␀ hidden tail"), "a NUL does not cut the subject short")
        let show = try await scratch.runner.run(["show", "--db", "s.sqlite", "zendesk:90001"])
        #expect(show.stdout.contains("Subject:    Invoice ␛]0;pwned␇␛[2J overdue␀ hidden tail"))
        #expect(show.stdout.contains("Please pay ␛[31mnow␛[0m"))

        // JSON keeps every character, escaped by the encoder.
        let json = try await scratch.runner.run(["show", "--db", "s.sqlite", "--format", "json", "zendesk:90001"])
        #expect(json.stdout.contains(#"Invoice \u001b]0;pwned\u0007\u001b[2J overdue\u0000 hidden tail"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["subject"] as? String == "Invoice \u{1B}]0;pwned\u{07}\u{1B}[2J overdue\u{0} hidden tail")
        #expect(Self.isTerminalSafe(json.stdout), "a C1 CSI is escaped in JSON too")
        #expect(json.stdout.contains(#"<!channel>\u009b2J"#))
        let inspect = try await scratch.runner.run(["inspect", "--from", "zendesk-json", "hostile.json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(Self.isTerminalSafe(inspect.stdout) && inspect.stdout.contains("␛]0;pwned"))

        // rules explain quotes the subject it tested.
        let train = try await scratch.runner.run(["import", "--db", "s.sqlite", CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/zendesk").path])
        #expect(train.status == 0)
        for step in [["train"], ["run", "--backend", "local", "--no-route"]] {
            let result = try await scratch.runner.run(step + ["--db", "s.sqlite"])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let explain = try await scratch.runner.run(["rules", "explain", "--db", "s.sqlite", "--rules", "rules.yml", "zendesk:90001"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("␛]0;pwned␇"))
        #expect(Self.isTerminalSafe(explain.stdout))
        let digest = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-24", "--format", "text"])
        #expect(digest.status == 0, "\(digest.stderr)")
        #expect(Self.isTerminalSafe(digest.stdout))
    }

    @Test func exportTakesFormatJSONAsOneArray() async throws {
        let scratch = try await importedScratch()
        let export = try await scratch.runner.run(["export", "--db", "s.sqlite", "--format", "json"])
        #expect(export.status == 0, "\(export.stderr)")
        let tickets = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(tickets.map { $0["external_id"] as? String } == ["90001", "90002"])
        #expect(tickets.first?["subject"] as? String == "Invoice \u{1B}]0;pwned\u{07}\u{1B}[2J overdue\u{0} hidden tail")
    }
}
