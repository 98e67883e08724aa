import Foundation

/// A stable 64-bit FNV-1a digest, written as 16 hex digits.
///
/// Used to notice that a ticket's customer-visible text changed (so it needs triage again) and to give
/// messages without an id a stable one. It is a change detector, not a security primitive: nothing trusts
/// it against an adversary. Swift's `Hasher` is randomly seeded per process, so it cannot serve here.
public struct ContentHasher: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Feeds the UTF-8 bytes of `string`, then a separator so that `("ab","c")` and `("a","bc")` differ.
    public mutating func combine(_ string: String) {
        var copy = string
        copy.withUTF8 { bytes in
            for byte in bytes {
                state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        state = (state ^ 0x1f) &* 0x0000_0100_0000_01b3
    }

    /// Feeds an optional string; `nil` and `""` hash differently.
    public mutating func combine(_ string: String?) {
        if let string { combine(string) } else { state = (state ^ 0xff) &* 0x0000_0100_0000_01b3 }
    }

    /// The digest as 16 lower-case hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension ContentHasher {
    /// The content digest of a ticket: its subject and its public messages (role and text) in order.
    ///
    /// One definition for the importer side and the store side, so both always agree.
    public static func ticketContent<S: Sequence>(subject: String, publicMessages: S) -> String
    where S.Element == (MessageRole, String) {
        var hasher = ContentHasher()
        hasher.combine(subject)
        for (role, text) in publicMessages {
            hasher.combine(role.rawValue)
            hasher.combine(text)
        }
        return hasher.hex
    }
}

extension ImportedTicket {
    /// Digest of what the customer can see and what triage reads: subject and public messages in order.
    ///
    /// Internal notes, tags and status do not count: changing them does not trigger triage again.
    public var contentHash: String {
        ContentHasher.ticketContent(subject: subject,
                                    publicMessages: messages.lazy.filter(\.isPublic).map { ($0.role, $0.text) })
    }
}

extension ImportedMessage {
    /// An id for messages the source did not give one: stable across re-imports of the same message.
    public var derivedID: String {
        if let externalID, !externalID.isEmpty { return externalID }
        var hasher = ContentHasher()
        hasher.combine(author?.email)
        hasher.combine(sentAt.map { String(Int64($0.timeIntervalSince1970)) })
        hasher.combine(text)
        return "h:" + hasher.hex
    }
}
