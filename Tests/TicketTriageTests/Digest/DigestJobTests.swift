import Foundation
import Testing
import TriageReports
import TriageStore
import TriageTestSupport
@testable import TicketTriage

@Suite("Digest job: render and send once")
struct DigestJobTests {
    let request = DigestJob.Request(date: "2026-03-08", timeZone: "America/New_York", format: "md",
                                    templatesDirectory: TemplateLocator.checkoutTemplates())

    func settings(port: UInt16) -> DigestSettings {
        var settings = DigestSettings()
        settings.mail.server = "smtp://127.0.0.1:\(port)"
        settings.mail.tls = "none"
        settings.mail.from = "Triage <triage@example.com>"
        settings.mail.to = ["lead@example.com"]
        settings.mail.username = "digest"
        return settings
    }

    @Test("json output decodes back to the same digest")
    func jsonRoundTrip() throws {
        let job = DigestJob(store: try DigestTestStore.make(), settings: DigestSettings(), environment: [:],
                            now: DigestTestStore.instant("2026-03-09T12:00:00Z"))
        var json = request
        json.format = "json"
        let data = try job.data(for: json)
        let text = try job.render(data, request: json)
        #expect(try DigestData.decodeJSON(Data(text.utf8)) == data)
    }

    @Test("markdown names the day and the notable ticket")
    func markdown() throws {
        let job = DigestJob(store: try DigestTestStore.make(), settings: DigestSettings(), environment: [:])
        let text = try job.render(try job.data(for: request), request: request)
        #expect(text.contains("8 March 2026"))
        #expect(text.contains("Refund failed twice"))
    }

    @Test("the digest is mailed once; a retry does nothing; --force sends again")
    func sendOnce() throws {
        let receiver = try LoopbackSMTPReceiver()
        defer { receiver.stop() }
        let store = try DigestTestStore.make()
        let job = DigestJob(store: store, settings: settings(port: receiver.port),
                            environment: ["TRIAGE_SMTP_PASSWORD": "from-env"], now: DigestTestStore.instant("2026-03-09T12:00:00Z"))
        let data = try job.data(for: request)
        #expect(try job.send(data, request: request, force: false) == .sent(at: job.now))
        #expect(receiver.received.count == 1)
        #expect(try job.send(data, request: request, force: false) == .alreadySent(at: job.now))
        #expect(receiver.received.count == 1)
        #expect(try job.send(data, request: request, force: true) == .sent(at: job.now))
        #expect(receiver.received.count == 2)

        let mail = try #require(receiver.received.first)
        #expect(mail.authenticatedPassword == "from-env")
        #expect(mail.recipients == ["lead@example.com"])
        #expect(mail.data.contains("Subject: Support digest 2026-03-08\r\n"))
        #expect(mail.data.contains("multipart/alternative"))
        #expect(try store.digestSentAt(day: "2026-03-08", timeZone: "America/New_York", channel: DigestDelivery.mailChannel) == job.now)
    }

    @Test("a refused send records nothing, so the retry sends")
    func failedSendIsNotRecorded() throws {
        let receiver = try LoopbackSMTPReceiver()
        let port = receiver.port
        receiver.stop()
        let store = try DigestTestStore.make()
        let job = DigestJob(store: store, settings: settings(port: port), environment: [:])
        let data = try job.data(for: request)
        #expect(throws: DigestError.self) { try job.send(data, request: request, force: false) }
        #expect(try store.digestSentAt(day: "2026-03-08", timeZone: "America/New_York", channel: DigestDelivery.mailChannel) == nil)
    }

    @Test("missing mail settings are named")
    func missingSettings() throws {
        let job = DigestJob(store: try DigestTestStore.make(), settings: DigestSettings(), environment: [:])
        let data = try job.data(for: request)
        do {
            _ = try job.send(data, request: request, force: false)
            Issue.record("sent without settings")
        } catch let error as DigestError {
            #expect(error.description.contains("digest.mail.from"))
        }
    }

    @Test("an unknown zone or impossible date is a DigestError naming the value")
    func invalidRequest() throws {
        let job = DigestJob(store: try DigestTestStore.make(), settings: DigestSettings(), environment: [:])
        #expect(throws: DigestError.self) { try job.data(for: .init(date: "2026-02-30", timeZone: "UTC")) }
        #expect(throws: DigestError.self) { try job.data(for: .init(date: "2026-03-08", timeZone: "Mars/Olympus")) }
    }
}
