import AnthropicClient
import Foundation
import Logging
import Synchronization
import Testing
import TriageModel
import TriageTestSupport
@testable import TriageClassify

/// Run-stopping failures, the warm-up retried before fan-out, and on-demand summaries (plain and streamed).
@Suite struct ClaudeStopAndSummaryTests {
    static func classifier(_ configuration: AnthropicConfiguration) throws -> ClaudeClassifier {
        try ClaudeClassifier(client: AnthropicClient(configuration: configuration, clock: .immediate), settings: ClaudeSettings(),
                             departments: Department.defaults, prompt: try ClaudeFixtures.prompt(), logger: Logger(label: "test"))
    }

    @Test func aRejectedKeyStopsEveryTicketAfterOneRequest() async throws {
        let mock = try await MockAnthropicServer.start()
        defer { Task { await mock.stop() } }
        var configuration = mock.configuration()
        configuration.apiKey = APIKey("sk-ant-wrong-key")
        let claude = try Self.classifier(configuration)
        let stops = await withTaskGroup(of: ClaudeRunStop?.self) { group in
            for id in 1...6 {
                group.addTask {
                    do {
                        _ = try await claude.classify(ClaudeFixtures.ticket(Int64(id), body: "ticket \(id)"))
                        return nil
                    } catch {
                        return error as? ClaudeRunStop
                    }
                }
            }
            var stops: [ClaudeRunStop] = []
            for await stop in group { if let stop { stops.append(stop) } }
            return stops
        }
        #expect(stops.count == 6)
        #expect(stops.allSatisfy { $0.kind == .credentials })
        #expect(stops.first?.message.contains("ANTHROPIC_API_KEY") == true)
        #expect(stops.first?.message.contains("sk-ant-wrong-key") == false)
        #expect(await mock.receivedRequests().count == 1)
    }

    @Test func anUnreachableAPIIsUnavailableWithAStopAndClassifyThrowsIt() async throws {
        let mock = try await MockAnthropicServer.start()
        let configuration = mock.configuration(maxRetries: 1)
        await mock.stop()
        let claude = try Self.classifier(configuration)
        let outcome = try await claude.attempt(ClaudeFixtures.ticket(1, body: "Hello"))
        guard case .unavailable = outcome.status else { Issue.record("expected unavailable"); return }
        #expect(outcome.stop?.kind == .unreachable)
        await #expect(throws: ClaudeRunStop.self) { try await claude.classify(ClaudeFixtures.ticket(2, body: "Hello")) }
    }

    @Test func aFailedWarmUpIsRetriedBeforeTheRestFanOut() async throws {
        let mock = try await MockAnthropicServer.start(options: .init(timeToFirstToken: .milliseconds(200)))
        defer { Task { await mock.stop() } }
        // The first ticket's three attempts fail; the next ticket warms up alone, then the last two go together.
        await mock.script([.overloaded, .overloaded, .overloaded])
        let claude = try ClaudeFixtures.classifier(mock, maxRetries: 2)
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for id in 1...4 {
                group.addTask { try await claude.attempt(ClaudeFixtures.ticket(Int64(id), body: "ticket \(id)")).result != nil }
            }
            var answered = 0
            for try await ok in group where ok { answered += 1 }
            return answered
        }
        #expect(answered == 3)
        #expect(await mock.receivedRequests().count == 6)
        // Never three at once: the fan-out waited for the second warm-up (under load the last two may not overlap).
        #expect(await mock.maxRequestsInFlight() <= 2)
    }

    // MARK: - Summaries

    static let ticket = ClaudeFixtures.ticket(7, subject: "Export broken", body: "The CSV export fails since Monday. Write to jane.doe@example.com please.")

    @Test func aStreamedSummaryArrivesInPiecesRestoredAndPriced() async throws {
        let mock = try await MockAnthropicServer.start()
        defer { Task { await mock.stop() } }
        let claude = try ClaudeFixtures.classifier(mock)
        let pieces = PieceLog()
        let outcome = try await claude.summarize(Self.ticket, stream: true) { pieces.add($0) }
        #expect(pieces.all.count > 3)
        #expect(pieces.all.joined().trimmingCharacters(in: .whitespacesAndNewlines) == outcome.text)
        #expect(outcome.text.contains("jane.doe@example.com"))
        #expect(!outcome.text.contains("[EMAIL_1]"))
        #expect(outcome.call.purpose == "summarize")
        #expect(outcome.call.outcome == .succeeded)
        #expect((outcome.call.costUSD ?? 0) > 0)
        let sent = try #require(await mock.receivedRequests().last)
        #expect(sent.json?["stream"] == .bool(true))
        #expect(!String(decoding: sent.body, as: UTF8.self).contains("jane.doe@example.com"))
    }

    @Test func aPlainSummaryMatchesTheStreamedOne() async throws {
        let mock = try await MockAnthropicServer.start()
        defer { Task { await mock.stop() } }
        let claude = try ClaudeFixtures.classifier(mock)
        let plain = try await claude.summarize(Self.ticket, stream: false)
        let streamed = try await claude.summarize(Self.ticket, stream: true)
        #expect(plain.text == streamed.text)
    }

    @Test(arguments: [MockFault.errorEventMidStream(type: "overloaded_error"), .dropMidStream])
    func aStreamThatBreaksOffIsAnErrorNeverAHalfSummary(fault: MockFault) async throws {
        let mock = try await MockAnthropicServer.start()
        defer { Task { await mock.stop() } }
        await mock.script([fault])
        let claude = try ClaudeFixtures.classifier(mock)
        let pieces = PieceLog()
        do {
            let outcome = try await claude.summarize(Self.ticket, stream: true) { pieces.add($0) }
            Issue.record("a broken stream produced a summary: \(outcome.text)")
        } catch let error as SummaryError {
            #expect(error.message.contains("broke off"))
            #expect(error.message.contains("nothing was stored"))
            #expect(error.call.outcome == .failed)
            #expect(error.call.purpose == "summarize")
        }
        #expect(await mock.receivedRequests().count == 1, "a stream that started is not retried")
    }

    @Test func aPlaceholderSplitAcrossDeltasIsHeldUntilComplete() {
        var buffer = PlaceholderBuffer()
        #expect(buffer.feed("Write to [EMA") == "Write to ")
        #expect(buffer.feed("IL_1] today") == "[EMAIL_1] today")
        #expect(buffer.feed(" [not a placeholder because it runs on and on and on") == " [not a placeholder because it runs on and on and on")
        #expect(buffer.feed(" tail [") == " tail ")
        #expect(buffer.flush() == "[")
    }
}

/// Collects streamed pieces from a `@Sendable` callback.
final class PieceLog: Sendable {
    private let pieces = Mutex<[String]>([])
    func add(_ piece: String) { pieces.withLock { $0.append(piece) } }
    var all: [String] { pieces.withLock { $0 } }
}
