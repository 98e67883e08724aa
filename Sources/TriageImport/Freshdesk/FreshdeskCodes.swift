/// The numeric codes of Freshdesk exports as names: one table for the API v2 JSON and the legacy XML importers.
///
/// Unknown codes are kept as `status-9`, `source-12` so nothing is silently merged.
public enum FreshdeskCodes {
    /// `status`: 2 open, 3 pending, 4 resolved, 5 closed.
    public static func status(_ code: Int) -> String {
        switch code {
        case 2: "open"
        case 3: "pending"
        case 4: "resolved"
        case 5: "closed"
        case 6: "waiting_on_customer"
        case 7: "waiting_on_third_party"
        default: "status-\(code)"
        }
    }

    /// `priority`: 1 low, 2 medium (our `normal`), 3 high, 4 urgent.
    public static func priority(_ code: Int) -> String? {
        switch code {
        case 1: "low"
        case 2: "normal"
        case 3: "high"
        case 4: "urgent"
        default: nil
        }
    }

    /// `source`: 1 email, 2 portal, 3 phone, 7 chat, 9 feedback widget, 10 outbound email.
    public static func channel(_ code: Int) -> String {
        switch code {
        case 1: "email"
        case 2: "portal"
        case 3: "phone"
        case 7: "chat"
        case 9: "feedback_widget"
        case 10: "outbound_email"
        case 4: "forum"
        case 5: "twitter"
        case 6: "facebook"
        case 8: "mobihelp"
        case 11: "ecommerce"
        case 12: "bot"
        default: "source-\(code)"
        }
    }
}
