import Foundation

/// A department of the configured taxonomy: the classes triage chooses from.
public struct Department: Codable, Sendable, Hashable {
    public var name: String
    /// What belongs here; shown to the model and in `triage init`'s config.
    public var description: String

    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }

    /// The default taxonomy written by `triage init`.
    public static let defaults: [Department] = [
        Department(name: "Billing", description: "Invoices, charges, refunds, payment methods, subscriptions and pricing questions from existing customers."),
        Department(name: "Technical Support", description: "Something does not work: errors, outages, bugs, performance, integrations, setup and how-to questions."),
        Department(name: "Account & Access", description: "Logins, passwords, two-factor authentication, account settings, user management, closing accounts and data requests."),
        Department(name: "Shipping & Returns", description: "Deliveries, tracking, damaged or missing items, exchanges and returns of physical goods."),
        Department(name: "Sales", description: "Prospects and upgrades: quotes, plans, demos, volume licensing, partnerships and purchase questions before buying."),
        Department(name: "Product Feedback", description: "Feature requests, suggestions, praise and complaints about how the product is designed."),
        Department(name: "Security & Abuse", description: "Suspected compromise, phishing, fraud, spam, abuse reports, vulnerabilities and legal or privacy threats."),
        Department(name: "General Inquiry", description: "Anything else: general questions, partnerships outside sales, press, and messages with no clear department."),
    ]
}

/// How urgently a ticket needs attention.
public enum Priority: String, Codable, Sendable, CaseIterable, Comparable {
    case urgent, high, normal, low

    /// Lower rank is more urgent.
    public var rank: Int {
        switch self {
        case .urgent: 0
        case .high: 1
        case .normal: 2
        case .low: 3
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }

    /// Reads the spellings help desks export (`Urgent`, `P1`, `critical`, `medium`, `4`…); `nil` when unknown.
    public init?(exported value: String) {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "urgent", "critical", "blocker", "highest", "p1", "p0", "emergency": self = .urgent
        case "high", "major", "p2": self = .high
        case "normal", "medium", "moderate", "p3", "default": self = .normal
        case "low", "minor", "lowest", "trivial", "p4", "p5": self = .low
        default: return nil
        }
    }
}

/// The customer's tone.
public enum Sentiment: String, Codable, Sendable, CaseIterable {
    case negative, neutral, positive
}
