import CCurl
import Foundation

/// Sends mail through an SMTP server with libcurl: `smtps://` (implicit TLS) or `smtp://` with STARTTLS.
///
/// ```swift
/// let sender = SMTPSender(server: "smtp://mail.example.com:587", username: "digest", password: secret)
/// try await sender.send(OutgoingMail(from: "triage@example.com", to: ["lead@example.com"], subject: "Digest",
///                                   text: text, html: html))
/// ```
public struct SMTPSender: Sendable {
    /// When `smtp://` must upgrade to TLS.
    public enum TLSPolicy: Sendable, Hashable {
        /// STARTTLS required (the default): the send fails rather than sending credentials in clear.
        case required
        /// STARTTLS when the server offers it.
        case opportunistic
        /// Plain text (only for a local relay or a test receiver on loopback).
        case none
    }

    public var server: String
    public var username: String?
    public var password: String?
    public var tls: TLSPolicy
    /// Total time allowed for the whole exchange.
    public var timeout: Duration

    public init(server: String, username: String? = nil, password: String? = nil, tls: TLSPolicy = .required,
                timeout: Duration = .seconds(60)) {
        self.server = server
        self.username = username
        self.password = password
        self.tls = tls
        self.timeout = timeout
    }

    /// Sends `message`; the transfer runs on its own thread, off the cooperative pool.
    public func send(_ message: OutgoingMail) async throws {
        let sender = self
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try sender.sendBlocking(message)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Sends `message` on the calling thread.
    public func sendBlocking(_ message: OutgoingMail) throws {
        let lower = server.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://"), server.count > 8 else {
            throw SMTPError.invalidServer(server)
        }
        let recipients = message.envelopeRecipients
        guard !recipients.isEmpty else { throw SMTPError.invalidAddress("no recipient (digest.mail.to is empty)") }
        guard !message.envelopeFrom.isEmpty else { throw SMTPError.invalidAddress("no sender address") }
        if let empty = recipients.first(where: \.isEmpty) { throw SMTPError.invalidAddress("empty recipient \"\(empty)\"") }

        CurlGlobal.initializeOnce()
        guard let handle = curl_easy_init() else {
            throw SMTPError.transfer(server: server, code: -1, message: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients { list = curl_slist_append(list, "<\(recipient)>") }
        defer { curl_slist_free_all(list) }

        let body = MessageBody(Array(message.rendered().utf8))
        let unmanaged = Unmanaged.passRetained(body)
        defer { unmanaged.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            var setup = CURLE_OK
            func set(_ result: CURLcode) { if setup == CURLE_OK { setup = result } }
            set(tt_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress))
            set(tt_easy_setopt_string(handle, CURLOPT_URL, server))
            set(tt_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            set(tt_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000)))
            set(tt_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 15_000))
            set(tt_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(message.envelopeFrom)>"))
            set(tt_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, list))
            set(tt_easy_setopt_long(handle, CURLOPT_UPLOAD, 1))
            set(tt_easy_setopt_write_callback(handle, CURLOPT_READFUNCTION, { buffer, size, count, userdata in
                guard let buffer, let userdata else { return 0 }
                let body = Unmanaged<MessageBody>.fromOpaque(userdata).takeUnretainedValue()
                return body.read(into: buffer, capacity: size * count)
            }))
            set(tt_easy_setopt_pointer(handle, CURLOPT_READDATA, unmanaged.toOpaque()))
            if !lower.hasPrefix("smtps://") {
                let level: curl_usessl = switch tls {
                case .required: CURLUSESSL_ALL
                case .opportunistic: CURLUSESSL_TRY
                case .none: CURLUSESSL_NONE
                }
                set(tt_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(level.rawValue)))
            }
            if let username { set(tt_easy_setopt_string(handle, CURLOPT_USERNAME, username)) }
            if let password { set(tt_easy_setopt_string(handle, CURLOPT_PASSWORD, password)) }
            guard setup == CURLE_OK else { return setup }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            throw SMTPError.transfer(server: Self.redacted(server), code: Int(code.rawValue), message: message)
        }
    }

    /// The server URL without any `user:password@` part, for messages.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }
}

/// The bytes libcurl reads the message from.
private final class MessageBody: @unchecked Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

