import Foundation

/// The one place that knows which importer reads which format.
public enum ImporterRegistry {
    /// The importer for `format`. Every concrete format has one; `.auto` is not a format of a file but a request
    /// to detect it (`FormatDetector.detect` never answers it), so passing it is a programming error.
    public static func importer(for format: ImportFormat) -> any TicketImporter {
        switch format {
        case .zendeskJSON: ZendeskJSONImporter()
        case .freshdeskJSON: FreshdeskJSONImporter()
        case .jiraJSON: JiraJSONImporter()
        case .helpScoutJSON: HelpScoutJSONImporter()
        case .zammadJSON: ZammadJSONImporter()
        case .osTicketJSON: OSTicketJSONImporter()
        case .osTicketXML: OSTicketXMLImporter()
        case .rtJSON: RTJSONImporter()
        case .genericJSON: GenericJSONImporter()
        case .csv: CSVImporter()
        case .zendeskXML: ZendeskXMLImporter()
        case .freshdeskXML: FreshdeskXMLImporter()
        case .genericXML: GenericXMLImporter()
        case .eml: EMLImporter()
        case .mbox: MboxImporter()
        case .maildir: MaildirImporter()
        case .auto: preconditionFailure("detect the format (FormatDetector.detect) before asking for its importer")
        }
    }

    /// File names that are companions of another export (side-loaded users, groups, comments; mapping files):
    /// read by the importer of the main file, never imported as tickets of their own.
    public static func isCompanionFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        let stem = lower.split(separator: ".").first.map(String.init) ?? lower
        if ["users", "groups", "organizations", "organisations", "mapping", "readme"].contains(where: { stem == $0 || stem.hasSuffix("_" + $0) || stem.hasSuffix("-" + $0) }) {
            return true
        }
        if lower.contains("comments") && (lower.hasSuffix(".json") || lower.hasSuffix(".jsonl")) { return true }
        let ext = (lower as NSString).pathExtension
        return ["yml", "yaml", "md", "txt", "sh", "py"].contains(ext) || lower.hasPrefix(".")
    }
}
