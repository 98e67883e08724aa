/// Every input format `triage import --from F` accepts.
public enum ImportFormat: String, Sendable, CaseIterable, Codable {
    case auto
    case eml
    case mbox
    case maildir
    case zendeskJSON = "zendesk-json"
    case zendeskXML = "zendesk-xml"
    case freshdeskJSON = "freshdesk-json"
    case freshdeskXML = "freshdesk-xml"
    case jiraJSON = "jira-json"
    case helpScoutJSON = "helpscout-json"
    case zammadJSON = "zammad-json"
    case osTicketJSON = "osticket-json"
    case osTicketXML = "osticket-xml"
    case rtJSON = "rt-json"
    case genericJSON = "generic-json"
    case genericXML = "generic-xml"
    case csv

    /// The source name used when the user gives none (`--source`).
    public var defaultSource: String {
        switch self {
        case .zendeskJSON, .zendeskXML: "zendesk"
        case .freshdeskJSON, .freshdeskXML: "freshdesk"
        case .jiraJSON: "jira"
        case .helpScoutJSON: "helpscout"
        case .zammadJSON: "zammad"
        case .osTicketJSON, .osTicketXML: "osticket"
        case .rtJSON: "rt"
        case .eml, .mbox, .maildir: "mail"
        case .genericJSON: "json"
        case .genericXML: "xml"
        case .csv: "csv"
        case .auto: "import"
        }
    }
}
