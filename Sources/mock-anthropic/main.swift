import Foundation
import TriageTestSupport

// mock-anthropic [--port N] [--latency-ms N] [--per-token-ms N] [--key KEY]
// Runs the fake Anthropic API on 127.0.0.1 until stdin closes (so a parent that dies takes it along).

var options = MockAnthropicServer.Options()
var port: UInt16 = 0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    let value = arguments.next()
    switch (argument, value) {
    case ("--port", let value?): port = UInt16(value) ?? 0
    case ("--latency-ms", let value?): options.timeToFirstToken = .milliseconds(Int(value) ?? 0)
    case ("--per-token-ms", let value?): options.timePerToken = .milliseconds(Int(value) ?? 0)
    case ("--key", let value?): options.apiKey = value
    default:
        FileHandle.standardError.write(Data("usage: mock-anthropic [--port N] [--latency-ms N] [--per-token-ms N] [--key KEY]\n".utf8))
        exit(64)
    }
}

let server = try await MockAnthropicServer.start(port: port, options: options)
let banner = """
    mock-anthropic listening on \(server.baseURL.absoluteString)
    export ANTHROPIC_BASE_URL=\(server.baseURL.absoluteString) ANTHROPIC_API_KEY=\(options.apiKey)

    """
FileHandle.standardOutput.write(Data(banner.utf8))
// Read stdin off the cooperative pool; exit when it closes.
await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
    Thread.detachNewThread {
        while let _ = readLine(strippingNewline: true) {}
        continuation.resume()
    }
}
await server.stop()
