import Foundation
import Testing
import TriageTestSupport

/// Read-only and damaged stores, file modes, strict configuration and import arguments, through the binary.
@Suite(.serialized) struct StoreAndConfigurationCommandTests {
    static let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/zendesk/tickets.json").path

    func importedScratch(environment: [String: String] = [:]) async throws -> Scratch {
        let scratch = try Scratch()
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", Self.samples], environment: environment)
        try #require(imported.status == 0, "\(imported.stderr)")
        return scratch
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Runs `triage` as an unprivileged user when the tests run as root (root ignores file permissions).
    func runAsOtherUser(_ arguments: [String], in directory: URL) throws -> CLIRunner.Result? {
        let process = Process()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.executable.path] + arguments
        } else {
            process.executableURL = CLIRunner.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func aStoreInAReadOnlyFolderCanBeReadButNotWritten() async throws {
        let scratch = try await importedScratch()
        let folder = scratch.url.appendingPathComponent("readonly")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: scratch.path("s.sqlite"), toPath: folder.appendingPathComponent("s.sqlite").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent("s.sqlite").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        // Hidden files the tests run in may not be reachable by another user: the scratch folder is.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path)
        for command in [["list", "--limit", "3"], ["search", "refund"], ["show", "zendesk:41001"], ["stats"],
                        ["export", "--format", "jsonl"], ["outbox", "list"]] {
            guard let result = try runAsOtherUser(command + ["--db", "readonly/s.sqlite"], in: scratch.url) else {
                Issue.record("needs setpriv to drop root for this test"); return
            }
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("not a TicketTriage store"))
        }
        let write = try #require(try runAsOtherUser(["import", "--db", "readonly/s.sqlite", Self.samples], in: scratch.url))
        #expect(write.status == 1)
        #expect(write.stderr.contains("cannot be written"))
        #expect(write.stderr.contains("reading commands"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files == ["s.sqlite"])
    }

    @Test func aDamagedStoreSaysSoAndHowToRecover() async throws {
        let scratch = try await importedScratch()
        let url = URL(fileURLWithPath: scratch.path("s.sqlite"))
        var bytes = try Data(contentsOf: url)
        for i in 100..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 131) }
        try bytes.write(to: url)
        let list = try await scratch.runner.run(["list", "--db", "s.sqlite"])
        #expect(list.status == 65)
        #expect(list.stderr.contains("is a TicketTriage store that is damaged"))
        #expect(list.stderr.contains("PRAGMA integrity_check") && list.stderr.contains(".recover"))
        #expect(!list.stderr.contains("Point --db at a store, or at a new path"))
        let truncated = try await importedScratch()
        let tURL = URL(fileURLWithPath: truncated.path("s.sqlite"))
        let whole = try Data(contentsOf: tURL)
        try whole.prefix(whole.count / 3).write(to: tURL)
        let cut = try await truncated.runner.run(["search", "--db", "s.sqlite", "refund"])
        #expect(cut.status == 65, "\(cut.stderr)")
        #expect(cut.stderr.contains("damaged"))
    }

    @Test func filesHoldingCustomerDataAreCreatedOwnerOnly() async throws {
        let scratch = try await importedScratch()
        #expect(try Self.mode(scratch.path("s.sqlite")) == 0o600)
        let export = try await scratch.runner.run(["export", "--db", "s.sqlite", "--out", "out.jsonl"])
        #expect(export.status == 0)
        #expect(try Self.mode(scratch.path("out.jsonl")) == 0o600)
        let digest = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--format", "md", "--out", "d.md"])
        #expect(digest.status == 0, "\(digest.stderr)")
        #expect(try Self.mode(scratch.path("d.md")) == 0o600)

        let group = try await importedScratch(environment: ["TRIAGE_FILE_MODE": "0640"])
        #expect(try Self.mode(group.path("s.sqlite")) == 0o640)
        let wrong = try await group.runner.run(["list", "--db", "s.sqlite"], environment: ["TRIAGE_FILE_MODE": "0666"])
        #expect(wrong.status == 78)
        #expect(wrong.stderr.contains("use 0600 (the default) or 0640"))
    }

    @Test func theChatWebhookComesFromTheEnvironmentOrTheConfigurationAndIsNeverEchoed() async throws {
        let scratch = try await importedScratch()
        let secret = "T0KEN-abcdef-SECRET"
        let missing = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--post-chat"])
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("TRIAGE_CHAT_WEBHOOK"))
        let typo = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--post-chat"],
                                                environment: ["TRIAGE_CHAT_WEBHOOK": "htps://hooks.example/\(secret)"])
        #expect(typo.status == 78)
        #expect(!typo.stderr.contains(secret) && !typo.stdout.contains(secret))
        #expect(typo.stderr.contains("TRIAGE_CHAT_WEBHOOK is not an http(s) URL"))
        try "digest:\n  chat_webhook: \"hxxp://hooks.example/\(secret)\"\n".write(toFile: scratch.path("triage.yml"), atomically: true, encoding: .utf8)
        let configured = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--post-chat"])
        #expect(configured.status == 78)
        #expect(configured.stderr.contains("digest.chat_webhook is not an http(s) URL"))
        #expect(!configured.stderr.contains(secret))
        let flag = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--post", "ftp://x/\(secret)"])
        #expect(flag.status == 78)
        #expect(!flag.stderr.contains(secret))
    }

    @Test func configurationIsStrictAndReadCommandsHonourIt() async throws {
        let scratch = try await importedScratch()
        let cases: [(String, String)] = [
            ("departmentz:\n  - name: Billing\n    description: Money\n", "line 1: unknown key 'departmentz'; did you mean 'departments'?"),
            ("import:\n  max_record_bytes: -1\n", "import.max_record_bytes is -1"),
            ("import:\n  thread_window_days: -3\n", "import.thread_window_days is -3.0"),
            ("import:\n  max_record_bytes: lots\n", "import.max_record_bytes (line 2): expected a whole number, found \"lots\""),
            ("import:\n  time_zone: UTC\n    bad: [\n", "line 3"),
        ]
        for (yaml, message) in cases {
            try yaml.write(toFile: scratch.path("bad.yml"), atomically: true, encoding: .utf8)
            for command in [["list"], ["show", "zendesk:41001"], ["search", "refund"], ["import", Self.samples]] {
                let result = try await scratch.runner.run(command + ["--db", "s.sqlite", "--config", "bad.yml"])
                #expect(result.status == 78, "\(command) with \(yaml.debugDescription)")
                #expect(result.stderr.contains(message), "\(command): \(result.stderr)")
                #expect(!result.stderr.contains("Expected to decode"))
            }
        }
    }

    @Test func importArgumentsAreCheckedBeforeAnythingIsCreated() async throws {
        let scratch = try Scratch()
        let missing = try await scratch.runner.run(["import", "--db", "new.sqlite", "no-such-export.json"])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("new.sqlite")))
        for bad in ["", "a:b", "two words"] {
            let result = try await scratch.runner.run(["import", "--db", "new.sqlite", "--source", bad, Self.samples])
            #expect(result.status == 64, "--source \(bad.debugDescription)")
            #expect(result.stderr.contains("--source"))
            #expect(!result.stderr.contains("CHECK constraint"))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("new.sqlite")))
        let good = try await scratch.runner.run(["import", "--db", "new.sqlite", "--source", "helpdesk-eu", Self.samples])
        #expect(good.status == 0, "\(good.stderr)")
        let show = try await scratch.runner.run(["show", "--db", "new.sqlite", "helpdesk-eu:41001"])
        #expect(show.status == 0)
    }
}

/// The digest's chat post: plain text with `&`, `<`, `>` escaped as Slack reads them, no Markdown backslashes.
@Suite(.serialized) struct DigestChatPostCommandTests {
    @Test func theDigestIsPostedAsChatEscapedTextToTheConfiguredWebhook() async throws {
        let receiver = try await WebhookReceiver.start()
        let scratch = try Scratch()
        let samples = CLIRunner.repositoryRoot.appendingPathComponent("SampleTickets/zendesk/tickets.json").path
        let imported = try await scratch.runner.run(["import", "--db", "s.sqlite", samples])
        try #require(imported.status == 0)
        let text = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--format", "text"])
        try #require(text.status == 0, "\(text.stderr)")
        let secretURL = receiver.url.absoluteString + "/T0KEN-SECRET-123456"
        let post = try await scratch.runner.run(["digest", "--db", "s.sqlite", "--date", "2026-11-17", "--format", "text", "--post-chat"],
                                                environment: ["TRIAGE_CHAT_WEBHOOK": secretURL])
        #expect(post.status == 0, "\(post.stderr)")
        #expect(!post.stderr.contains("T0KEN-SECRET") && !post.stdout.contains("T0KEN-SECRET"))
        let body = try #require(await receiver.bodies[""])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        let posted = try #require(object["text"])
        let expected = text.stdout.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        #expect(posted == expected)
        #expect(!posted.contains("\\"))
        await receiver.stop()
    }
}
