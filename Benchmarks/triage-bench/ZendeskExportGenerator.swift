import Foundation
import TriageModel

/// Writes a synthetic Zendesk legacy export (tickets.xml, users.xml, groups.xml) for the XML benchmark.
///
/// Tickets vary in subject, department, length and comment count; text is deterministic so runs compare.
struct ZendeskExportGenerator {
    private static let subjects = [
        "Charged twice for my subscription", "Cannot log in after password reset", "Parcel never arrived",
        "Feature request: dark mode", "Suspicious login from another country", "Quote for 50 seats",
        "API returns 500 on /v2/orders", "Question about your office hours",
    ]
    private static let sentences = [
        "I have been a customer for three years and this never happened before.",
        "The error appears every time I open the dashboard & try to export the report.",
        "Could you please check what went wrong with order <A-1234> and let me know?",
        "We need this fixed before Friday because our finance team closes the month.",
        "Thanks in advance for your help, the rest of the product works great.",
        "I attached a screenshot; the message says \"unexpected token\" in red.",
    ]
    private static let users = 1_000

    /// Writes the export into `folder`; `tickets` > 0 gives the count, else tickets are added until
    /// `targetBytes` is reached. Returns how many tickets were written.
    mutating func write(to folder: URL, tickets: Int, targetBytes: Int64, html: Bool) throws -> Int {
        try companions(in: folder)
        let url = folder.appendingPathComponent("tickets.xml")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8 << 20)
        buffer += Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tickets type=\"array\">\n".utf8)
        var written: Int64 = 0
        var count = 0
        while tickets > 0 ? count < tickets : written + Int64(buffer.count) < targetBytes {
            count += 1
            append(ticket: count, html: html, to: &buffer)
            if buffer.count > 4 << 20 {
                try handle.write(contentsOf: buffer)
                written += Int64(buffer.count)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += Array("</tickets>\n".utf8)
        try handle.write(contentsOf: buffer)
        return count
    }

    private func append(ticket id: Int, html: Bool, to buffer: inout [UInt8]) {
        let subject = Self.subjects[id % Self.subjects.count]
        let requester = id % Self.users + 1
        let agent = Self.users + 1 + id % 10
        let day = 1 + id % 28
        var xml = """
          <ticket>
            <nice-id type="integer">\(id)</nice-id>
            <subject>\(subject) #\(id)</subject>
            <description>\(body(id, 0))</description>
            <status-id type="integer">\(id % 5)</status-id>
            <priority-id type="integer">\(id % 5)</priority-id>
            <via-id type="integer">4</via-id>
            <group-id type="integer">\(id % 8 + 1)</group-id>
            <requester-id type="integer">\(requester)</requester-id>
            <assignee-id type="integer">\(agent)</assignee-id>
            <organization-id type="integer" nil="true"></organization-id>
            <created-at type="datetime">2024-03-\(day < 10 ? "0" : "")\(day)T10:\(10 + id % 50):00Z</created-at>
            <updated-at type="datetime">2024-03-\(day < 10 ? "0" : "")\(day)T12:00:00Z</updated-at>
            <current-tags>tag\(id % 17) tag\(id % 5) imported</current-tags>
            <comments type="array">

        """
        for index in 0..<(1 + id % 4) {
            let author = index % 2 == 0 ? requester : agent
            let text = body(id, index)
            xml += """
                  <comment>
                    <author-id type="integer">\(author)</author-id>
                    <created-at type="datetime">2024-03-\(day < 10 ? "0" : "")\(day)T1\(index):00:00Z</created-at>
                    <is-public type="boolean">\(index == 2 ? "false" : "true")</is-public>

            """
            if html {
                xml += "        <value></value>\n        <html-value>" + Self.escape(Self.htmlBody(text, id: id)) + "</html-value>\n"
            } else {
                xml += "        <value>\(text)</value>\n"
            }
            xml += "      </comment>\n"
        }
        xml += "    </comments>\n  </ticket>\n"
        buffer += Array(xml.utf8)
    }

    /// 2–5 escaped sentences, varying by ticket and comment.
    private func body(_ id: Int, _ index: Int) -> String {
        let count = 2 + (id + index) % 4
        return (0..<count).map { Self.escape(Self.sentences[(id + index + $0) % Self.sentences.count]) }
            .joined(separator: " ")
    }

    private static func htmlBody(_ text: String, id: Int) -> String {
        "<div style=\"font-family:Arial\"><p>Hello,</p><p>\(text)</p><ul><li>Order: <b>A-\(id)</b></li>"
            + "<li>Plan: Pro</li></ul><p>Best regards,<br>Customer \(id)<br>"
            + "<a href=\"https://example.com/u/\(id)\">profile</a></p></div>"
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    private func companions(in folder: URL) throws {
        var users = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users type=\"array\">\n"
        for id in 1...(Self.users + 10) {
            let role = id > Self.users ? 4 : 0
            users += "  <user><id type=\"integer\">\(id)</id><name>User \(id)</name><email>user\(id)@example.com</email>"
                + "<roles type=\"integer\">\(role)</roles></user>\n"
        }
        users += "</users>\n"
        try Data(users.utf8).write(to: folder.appendingPathComponent("users.xml"))
        var groups = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<groups type=\"array\">\n"
        for (index, department) in Department.defaults.enumerated() {
            groups += "  <group><id type=\"integer\">\(index + 1)</id><name>\(Self.escape(department.name))</name></group>\n"
        }
        groups += "</groups>\n"
        try Data(groups.utf8).write(to: folder.appendingPathComponent("groups.xml"))
    }
}
