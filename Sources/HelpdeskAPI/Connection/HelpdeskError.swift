import Foundation

/// Why a help desk API exchange failed. Messages name the vendor, the endpoint path and the status, and say what
/// to do; they never carry credentials, headers or ticket text.
public enum HelpdeskError: Error, Sendable, CustomStringConvertible, Equatable {
    /// 401/403: the credentials are wrong or lack a permission.
    case unauthorized(vendor: String, path: String, status: Int)
    /// Any other non-success status after retries (`detail` is the API's own error message, shortened).
    case status(vendor: String, path: String, status: Int, detail: String)
    /// Still rate limited after the allowed waits.
    case rateLimited(vendor: String, path: String, waits: Int)
    /// The connection kept failing after retries.
    case unavailable(vendor: String, path: String, attempts: Int, underlying: String)
    /// The body is not the JSON the API reference describes.
    case malformed(vendor: String, path: String, detail: String)
    /// A stored cursor this version cannot read.
    case badCursor(vendor: String, cursor: String)
    /// The update was refused because the ticket changed since it was read (Zendesk `safe_update` 409).
    case conflict(vendor: String, path: String)

    public var description: String {
        switch self {
        case let .unauthorized(vendor, path, status):
            "\(vendor) refused the credentials (HTTP \(status) on \(path)) — check the API user, its token and that it may read and update tickets"
        case let .status(vendor, path, status, detail):
            "\(vendor) answered HTTP \(status) on \(path)\(detail.isEmpty ? "" : ": \(detail)") — check the base URL and the request; run again once fixed"
        case let .rateLimited(vendor, path, waits):
            "\(vendor) kept rate limiting \(path) after \(waits) waits — run again later; the stored cursor keeps the progress"
        case let .unavailable(vendor, path, attempts, underlying):
            "\(vendor) unreachable on \(path) after \(attempts) attempts: \(underlying) — run again later; the stored cursor keeps the progress"
        case let .malformed(vendor, path, detail):
            "\(vendor) sent an unexpected body on \(path): \(detail) — check that the base URL points at the \(vendor) API"
        case let .badCursor(vendor, cursor):
            "the stored \(vendor) sync cursor \"\(cursor.prefix(40))\" cannot be read — start again with --since DATE"
        case let .conflict(vendor, path):
            "\(vendor) refused the update on \(path): the ticket changed since it was read (HTTP 409)"
        }
    }
}
