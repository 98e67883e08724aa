import Foundation

/// What a ticket's messages say about it: the customer text rules search and the customer and agent times the SLA
/// clocks read. This is the one definition; the store's columns and its SQL (routing's `text`, the times refreshed
/// when messages are appended) compute the same values, and tests check that both agree.
///
/// The rule: **only public messages count.** An internal note is written for the team: it is not customer text, it
/// does not answer the customer, and a note whose author maps to the customer role (a CC'd colleague, a light agent)
/// does not restart the customer's wait. System messages never count. Messages without a time add text but no time.
///
/// `text` joins the counted customer messages' classifiable text (trimmed when a trim exists), in message order,
/// with ``textSeparator``.
public struct TicketMessageFacts: Sendable, Hashable {
    /// What joins customer messages in ``text``: one newline.
    public static let textSeparator = "\n"

    /// The public customer messages' text, in message order; empty when built with `collectingText: false`.
    public private(set) var text = ""
    public private(set) var firstCustomerMessageAt: Date?
    public private(set) var lastCustomerMessageAt: Date?
    public private(set) var firstAgentReplyAt: Date?
    public private(set) var lastAgentReplyAt: Date?
    /// The earliest time of any message, public or not (a ticket's creation time when its export has none).
    public private(set) var earliestMessageAt: Date?
    /// Every message, internal notes and system messages included.
    public private(set) var messageCount = 0
    private var hasCustomerText = false
    private let collectsText: Bool

    /// No messages yet; ``add(role:isPublic:sentAt:text:)`` adds them in order. Without `collectingText` only the
    /// times and the count are kept (the import's hot path needs no text).
    public init(collectingText: Bool = true) { collectsText = collectingText }

    /// The facts of `messages`, in their order.
    public init(_ messages: some Sequence<ImportedMessage>, collectingText: Bool = true) {
        collectsText = collectingText
        for message in messages {
            add(role: message.role, isPublic: message.isPublic, sentAt: message.sentAt, text: message.classifiableText)
        }
    }

    /// Whether a message counts for customer text and reply times (public ones only; see the type's rule).
    @inlinable public static func counts(isPublic: Bool) -> Bool { isPublic }

    /// Adds the next message. `text` is what a classifier reads of it (`ImportedMessage.classifiableText`).
    public mutating func add(role: MessageRole, isPublic: Bool, sentAt: Date?, text messageText: @autoclosure () -> String) {
        messageCount += 1
        if let sentAt { earliestMessageAt = min(earliestMessageAt ?? sentAt, sentAt) }
        guard Self.counts(isPublic: isPublic) else { return }
        switch role {
        case .customer:
            if collectsText {
                if hasCustomerText { text += Self.textSeparator }
                text += messageText()
                hasCustomerText = true
            }
            if let sentAt {
                firstCustomerMessageAt = min(firstCustomerMessageAt ?? sentAt, sentAt)
                lastCustomerMessageAt = max(lastCustomerMessageAt ?? sentAt, sentAt)
            }
        case .agent:
            if let sentAt {
                firstAgentReplyAt = min(firstAgentReplyAt ?? sentAt, sentAt)
                lastAgentReplyAt = max(lastAgentReplyAt ?? sentAt, sentAt)
            }
        case .system:
            break
        }
    }
}

extension ImportedTicket {
    /// The facts of this ticket's messages (see ``TicketMessageFacts`` for the rule).
    public var messageFacts: TicketMessageFacts { TicketMessageFacts(messages) }

    /// When the ticket was created: the export's time, else its earliest message's. What the store keeps as
    /// `created_at`, what SLA clocks start from and what puts a ticket on a digest day.
    public var effectiveCreatedAt: Date? { createdAt ?? messages.lazy.compactMap(\.sentAt).min() }
}
