import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny SMTP server on 127.0.0.1 for tests: accepts every mail and keeps it in memory.
///
/// Speaks enough of RFC 5321 for libcurl: EHLO/HELO, AUTH PLAIN (any credentials, remembered), MAIL, RCPT, DATA
/// (dot-unstuffed), RSET, NOOP, QUIT. No TLS. One connection at a time, on its own thread; `stop()` ends it.
///
/// ```swift
/// let receiver = try LoopbackSMTPReceiver()
/// defer { receiver.stop() }
/// try SMTPSender(server: "smtp://127.0.0.1:\(receiver.port)", tls: .none).sendBlocking(message)
/// let mail = receiver.received[0]
/// ```
public final class LoopbackSMTPReceiver: @unchecked Sendable {
    /// One mail as the server saw it.
    public struct ReceivedMail: Sendable, Hashable {
        public var sender: String
        public var recipients: [String]
        /// The message text after DATA, CRLF line ends, without the terminating dot line.
        public var data: String
        /// `user` decoded from AUTH PLAIN, if the client authenticated.
        public var authenticatedUser: String?
        public var authenticatedPassword: String?
    }

    /// The port the receiver listens on.
    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var mails: [ReceivedMail] = []
    private var stopped = false

    /// Starts listening on an ephemeral loopback port.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ReceiverError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw ReceiverError("cannot listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Mails received so far, in order.
    public var received: [ReceivedMail] { lock.withLock { mails } }

    /// Stops listening (idempotent).
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // Only shut down here: the accept thread closes the descriptor when it leaves. Closing it here would let the
        // number be reused (by another receiver's socket) while the thread still calls accept() on it.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    // MARK: - Serving

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if lock.withLock({ stopped }) {
                if client >= 0 { close(client) }
                close(listener)
                return
            }
            if client < 0 { continue }
            serve(SMTPConnection(fd: client))
            close(client)
        }
    }

    private func serve(_ connection: SMTPConnection) {
        var sender = ""
        var recipients: [String] = []
        var user: String?
        var password: String?
        connection.reply("220 triage-test ESMTP ready")
        while let line = connection.readLine() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                connection.reply("250-triage-test\r\n250-AUTH PLAIN\r\n250 8BITMIME")
            } else if upper.hasPrefix("HELO") {
                connection.reply("250 triage-test")
            } else if upper.hasPrefix("AUTH PLAIN") {
                var encoded = String(line.dropFirst("AUTH PLAIN".count)).trimmingCharacters(in: .whitespaces)
                if encoded.isEmpty {
                    connection.reply("334 ")
                    encoded = connection.readLine() ?? ""
                }
                let parts = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }?
                    .split(separator: "\0", omittingEmptySubsequences: false).map(String.init) ?? []
                guard parts.count == 3 else { connection.reply("501 malformed AUTH PLAIN"); continue }
                user = parts[1]
                password = parts[2]
                connection.reply("235 2.7.0 authenticated")
            } else if upper.hasPrefix("MAIL FROM:") {
                sender = Self.path(line)
                recipients = []
                connection.reply("250 2.1.0 ok")
            } else if upper.hasPrefix("RCPT TO:") {
                recipients.append(Self.path(line))
                connection.reply("250 2.1.5 ok")
            } else if upper == "DATA" {
                connection.reply("354 end with <CRLF>.<CRLF>")
                var body: [String] = []
                while let dataLine = connection.readLine(), dataLine != "." {
                    body.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                }
                let mail = ReceivedMail(sender: sender, recipients: recipients, data: body.joined(separator: "\r\n"),
                                        authenticatedUser: user, authenticatedPassword: password)
                lock.withLock { mails.append(mail) }
                connection.reply("250 2.0.0 queued")
            } else if upper == "QUIT" {
                connection.reply("221 2.0.0 bye")
                return
            } else if upper == "RSET" || upper == "NOOP" {
                connection.reply("250 ok")
            } else {
                connection.reply("502 5.5.1 not implemented")
            }
        }
    }

    /// `MAIL FROM:<a@b> SIZE=12` → `a@b`
    static func path(_ line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line[open...].firstIndex(of: ">") else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}

/// Line-oriented reading and writing on one accepted socket.
private final class SMTPConnection {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    func reply(_ text: String) {
        let bytes = Array((text + "\r\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// The next line without its CRLF, or `nil` when the peer closed.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buffer += chunk[..<n]
        }
    }
}

/// The receiver could not start.
public struct ReceiverError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
