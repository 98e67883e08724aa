import Foundation

/// Why a mail was not handed to the SMTP server.
public enum SMTPError: Error, Sendable, CustomStringConvertible {
    /// The server URL is not `smtp://host[:port]` or `smtps://host[:port]`.
    case invalidServer(String)
    /// The message has no recipient, or an address is empty.
    case invalidAddress(String)
    /// libcurl reported an error (connection, TLS, authentication, or a rejected command).
    case transfer(server: String, code: Int, message: String)

    public var description: String {
        switch self {
        case let .invalidServer(url):
            "SMTP server \"\(url)\" is not smtp://host[:port] or smtps://host[:port]: fix digest.mail.server"
        case let .invalidAddress(detail):
            "cannot send mail: \(detail); check digest.mail.from and digest.mail.to"
        case let .transfer(server, code, message):
            "sending mail through \(server) failed (libcurl error \(code): \(message)); check the server, port, TLS and credentials"
        }
    }
}
