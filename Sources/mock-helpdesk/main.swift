import Foundation
import TriageTestSupport

// mock-helpdesk [--zendesk-port N] [--freshdesk-port N] [--jsm-port N] [--tickets N]
// Runs the fake Zendesk, Freshdesk and Jira Service Management APIs on 127.0.0.1 with N sample tickets each,
// until stdin closes (so a parent that dies takes them along). Prints the environment `triage sync` needs.

var ports: [String: UInt16] = [:]
var count = 60
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    let value = arguments.next()
    switch (argument, value) {
    case ("--zendesk-port", let value?): ports["zendesk"] = UInt16(value) ?? 0
    case ("--freshdesk-port", let value?): ports["freshdesk"] = UInt16(value) ?? 0
    case ("--jsm-port", let value?): ports["jsm"] = UInt16(value) ?? 0
    case ("--tickets", let value?): count = max(1, Int(value) ?? 60)
    default:
        FileHandle.standardError.write(Data("usage: mock-helpdesk [--zendesk-port N] [--freshdesk-port N] [--jsm-port N] [--tickets N]\n".utf8))
        exit(64)
    }
}

// Tickets of the last days, so that a digest of today has something to show.
let start = Date().addingTimeInterval(-Double(count) * 600 - 3600)
let tickets = FakeHelpdeskTicket.sample(count: count, firstID: 1001, start: start, spacing: 600)
let zendesk = try await FakeZendeskServer.start(tickets: tickets, port: ports["zendesk"] ?? 0)
let freshdesk = try await FakeFreshdeskServer.start(tickets: tickets, port: ports["freshdesk"] ?? 0)
let jsm = try await FakeJSMServer.start(tickets: tickets, port: ports["jsm"] ?? 0)
let banner = """
    mock-helpdesk: \(count) tickets each (test credentials only)
    export ZENDESK_BASE_URL=\(zendesk.baseURL.absoluteString) ZENDESK_EMAIL=\(zendesk.email) ZENDESK_API_TOKEN=\(zendesk.token)
    export FRESHDESK_BASE_URL=\(freshdesk.baseURL.absoluteString) FRESHDESK_API_KEY=\(freshdesk.apiKey)
    export JSM_BASE_URL=\(jsm.baseURL.absoluteString) JSM_EMAIL=\(jsm.email) JSM_API_TOKEN=\(jsm.token) JSM_JQL='project = SUP'

    """
FileHandle.standardOutput.write(Data(banner.utf8))

// Every write the fakes accept (rule write-backs) is printed as it arrives: what `make demo-sync` shows.
let writeLog = Task {
    var printed: [String: Int] = [:]
    while !Task.isCancelled {
        let all: [(String, [FakeHelpdeskWrite])] = [("zendesk", await zendesk.writes), ("freshdesk", await freshdesk.writes),
                                                    ("jsm", await jsm.writes)]
        for (name, writes) in all {
            for write in writes.dropFirst(printed[name, default: 0]) {
                FileHandle.standardOutput.write(Data("\(name) write: \(write.method) \(write.path) \(write.body)\n".utf8))
            }
            printed[name] = writes.count
        }
        try? await Task.sleep(for: .milliseconds(100))
    }
}
await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
    Thread.detachNewThread {
        while let _ = readLine(strippingNewline: true) {}
        continuation.resume()
    }
}
writeLog.cancel()
await zendesk.stop()
await freshdesk.stop()
await jsm.stop()
