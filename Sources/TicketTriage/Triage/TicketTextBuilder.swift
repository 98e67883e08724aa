import Foundation
import TriageModel
import TriageClassify
import TriageStore

/// Turns a stored ticket into what a classifier reads: the customer-visible conversation, quotes and signatures
/// trimmed, internal notes left out, cut to a character budget that keeps the opening message and the latest ones.
public struct TicketTextBuilder: Sendable {
    /// At most this many characters of conversation (about a quarter as many tokens).
    public var maxCharacters: Int

    public init(maxCharacters: Int = 6000) {
        self.maxCharacters = maxCharacters
    }

    public func text(for ticket: TicketForTriage) -> TicketText {
        let parts = ticket.messages.filter(\.isPublic).map { message -> String in
            let label = message.role == .agent ? "Agent" : (message.role == .system ? "System" : "Customer")
            return "\(label): \((message.trimmedText ?? message.text).trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        return TicketText(ticketID: ticket.id, subject: ticket.subject, body: fit(parts), channel: ticket.channel)
    }

    /// Keeps the first message (up to 60% of the budget) and as many of the latest as fit.
    func fit(_ parts: [String]) -> String {
        let all = parts.joined(separator: "\n\n")
        guard all.count > maxCharacters, let first = parts.first else { return all }
        let head = first.count > maxCharacters * 6 / 10 ? String(first.prefix(maxCharacters * 6 / 10)) + " […]" : first
        var tail: [String] = []
        var used = head.count
        for part in parts.dropFirst().reversed() {
            let piece = part.count > maxCharacters / 4 ? String(part.prefix(maxCharacters / 4)) + " […]" : part
            guard used + piece.count + 2 <= maxCharacters else { break }
            tail.insert(piece, at: 0)
            used += piece.count + 2
        }
        let omitted = parts.count - 1 - tail.count
        let marker = omitted > 0 ? ["[… \(omitted) earlier message(s) omitted …]"] : []
        return ([head] + marker + tail).joined(separator: "\n\n")
    }
}
