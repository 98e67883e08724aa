import AnthropicClient
import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

@Suite("AnthropicClient streaming against the fake")
struct StreamingClientTests {
    /// Waits until `limiter` holds no slot — a stream gives its slot back from a task its end starts — or until a
    /// 10 s deadline passed; `true` when released.
    static func slotsReleased(_ limiter: RequestLimiter) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while await limiter.requestsInFlight > 0, ContinuousClock.now < deadline { await Task.yield() }
        return await limiter.requestsInFlight == 0
    }

    @Test("a streamed answer reassembles to exactly the non-streamed message, text arriving piece by piece")
    func reassembly() async throws {
        let fixture = try await MockFixture.start(options: .init(timePerToken: .milliseconds(1)))
        var request = MockFixture.request("Please summarise this long ticket about a broken invoice export that keeps failing on Mondays")
        request.maxTokens = 1000
        let plain = try await fixture.client.createMessage(request).message
        let stream = try await fixture.client.streamMessage(request)
        #expect(stream.requestID != nil)
        let pieces = PieceLog()
        let streamed = try await stream.accumulate { await pieces.append($0) }
        #expect(streamed == plain)
        let received = await pieces.items
        #expect(received.count > 5)
        #expect(received.joined() == plain.text)
        let body = try #require(await fixture.messageRequests().last?.json)
        #expect(body["stream"] == .bool(true))
        // The stream held its in-flight slot until it ended.
        #expect(await Self.slotsReleased(fixture.client.limiter))
        await fixture.mock.stop()
    }

    @Test("structured output and stop sequences stream the same as they answer")
    func structuredStream() async throws {
        let fixture = try await MockFixture.start()
        var request = MockFixture.request("The app crashes, technical problem, high urgency")
        request.outputConfig = OutputConfig(format: OutputFormat(schema: MockFixture.classificationSchema))
        let plain = try await fixture.client.createMessage(request).message
        let streamed = try await fixture.client.streamMessage(request).accumulate()
        #expect(streamed == plain)
        #expect(JSONValue.parse(Data(streamed.text.utf8))?["department"] == .string("technical"))

        var stopping = MockFixture.request("alpha beta gamma delta")
        stopping.stopSequences = ["gamma"]
        let cut = try await fixture.client.streamMessage(stopping).accumulate()
        #expect(cut.stopReason == .stopSequence)
        #expect(cut.stopSequence == "gamma")
        #expect(cut.text == "Echo: alpha beta ")
        await fixture.mock.stop()
    }

    @Test("an error event mid-stream ends the stream with a typed error after the first text")
    func midStreamError() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.errorEventMidStream(type: "overloaded_error")])
        let stream = try await fixture.client.streamMessage(MockFixture.request())
        let pieces = PieceLog()
        let error = await #expect(throws: AnthropicError.self) { try await stream.accumulate { await pieces.append($0) } }
        guard case let .api(apiError)? = error else { Issue.record("expected API error, got \(String(describing: error))"); return }
        #expect(apiError.type == .overloaded)
        #expect(apiError.midStream)
        #expect(apiError.requestID == stream.requestID)
        #expect(await pieces.items.count == 1)
        #expect(await Self.slotsReleased(fixture.client.limiter))
        await fixture.mock.stop()
    }

    @Test("a stream holds its in-flight slot until it is consumed or dropped")
    func slotHeld() async throws {
        let fixture = try await MockFixture.start()
        var stream: MessageStream? = try await fixture.client.streamMessage(MockFixture.request())
        #expect(await fixture.client.limiter.requestsInFlight == 1)
        #expect(stream?.requestID != nil)
        stream = nil
        #expect(await Self.slotsReleased(fixture.client.limiter))
        await fixture.mock.stop()
    }

    @Test("errors before the stream starts are retried like any request")
    func retriedBeforeStart() async throws {
        let fixture = try await MockFixture.start()
        await fixture.mock.script([.overloaded, .rateLimited(retryAfter: 1)])
        let message = try await fixture.client.streamMessage(MockFixture.request()).accumulate()
        #expect(message.stopReason == .endTurn)
        #expect(await fixture.messageRequests().count == 3)
        await fixture.mock.stop()
    }

    @Test("a stall mid-stream longer than the idle timeout is a network idle timeout after the first text")
    func stall() async throws {
        // No retries: an idle timeout before the head (possible on a loaded machine) would otherwise be retried.
        let fixture = try await MockFixture.start(maxRetries: 0) { $0.streamIdleTimeout = .seconds(3) }
        await fixture.mock.script([.stallMidStream(.seconds(12))])
        let clock = ContinuousClock()
        let start = clock.now
        let stream = try await fixture.client.streamMessage(MockFixture.request())
        let pieces = PieceLog()
        let error = await #expect(throws: AnthropicError.self) { try await stream.accumulate { await pieces.append($0) } }
        guard case let .network(networkError, _)? = error else { Issue.record("expected network error, got \(String(describing: error))"); return }
        #expect(networkError == .timedOut(.idle, host: "127.0.0.1", after: .seconds(3)))
        #expect(await pieces.items.count == 1)
        #expect(clock.now - start < .seconds(10))  // gave up on the 12 s stall
        await fixture.mock.stop()
    }

    @Test("cancelling the consuming task stops the stream")
    func cancellation() async throws {
        let fixture = try await MockFixture.start(options: .init(timePerToken: .milliseconds(100)))
        let request = MockFixture.request(String(repeating: "word ", count: 200), maxTokens: 2000)
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { try await fixture.client.streamMessage(request).accumulate() }
        // Cancel once the request is in the fake's hands (its stream is then under way), not after a guessed delay.
        let arrival = clock.now + .seconds(10)
        while await fixture.mock.receivedRequests().isEmpty, clock.now < arrival { await Task.yield() }
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
        #expect(clock.now - start < .seconds(10))  // the full stream would take 200 × 100 ms = 20 s
        await fixture.mock.stop()
    }
}

actor PieceLog {
    private(set) var items: [String] = []
    func append(_ item: String) { items.append(item) }
}
