import Foundation

/// Writes Zendesk incremental-export tickets as JSON Lines in the shape real exports have: 1–4 comments per
/// ticket (mean 2.0; customer and agent, some private notes), `description` equal to the first comment, and
/// ≈ 500 bytes of metadata per line (`via`, tags, custom fields, requester/group/organization/assignee ids,
/// ISO 8601 dates). Lines are 0.7–2.5 KB, p50 ≈ 1.1 KB. Deterministic for a seed; a smaller count writes a
/// prefix of a larger one.
enum RealisticZendeskExport {
    static let channels = ["email", "web", "mobile", "api", "chat"]
    static let statuses = ["new", "open", "pending", "hold", "solved", "closed"]
    static let priorities = ["low", "normal", "high", "urgent"]
    static let tagPool = ["billing", "refund", "vat", "login", "sso", "2fa", "api", "export", "sync", "mobile", "ios",
                          "android", "shipping", "returns", "damaged", "sales", "quote", "enterprise", "smb", "feedback",
                          "dark_mode", "security", "phishing", "spam", "outage", "invoice", "subscription", "upgrade"]
    static let openers = ["Hello,", "Hi team,", "Dear support,", "Good morning,", "Hi there,"]
    static let customerLines = [
        "Since this morning the dashboard shows error 502 for everyone on our account.",
        "I was charged twice for the annual plan and would like the second charge refunded.",
        "The export job has been running for six hours and never finishes.",
        "Two-factor codes from the authenticator app are rejected although the clock is right.",
        "My parcel has not arrived and the tracking number returns nothing.",
        "We would like a quote for 250 seats with single sign-on included.",
        "The invoice lists the wrong VAT number for our company in Munich.",
        "Sync between the desktop app and the phone stopped after the last update.",
        "Someone logged into my account from an address I do not recognise.",
        "It would help us a lot to export the monthly report as a PDF.",
    ]
    static let agentLines = [
        "Thanks for reaching out, I have forwarded this to our engineering team.",
        "I have issued a refund for the duplicate charge; it shows in 5 to 10 business days.",
        "Could you send us a screenshot of the error and the time it happened?",
        "We have reset the two-factor setup on your account; please enrol the app again.",
        "The carrier confirmed the parcel is delayed at the depot and will arrive this week.",
        "I have attached the corrected invoice with your company's VAT number.",
    ]
    static let filler = [
        "Please let me know what other information you need from me.",
        "This blocks several people on our team.",
        "We have been customers for four years and never had this problem.",
        "I already tried the steps in your help center without success.",
        "Our account number is in the signature below.",
        "Is there any workaround we can use in the meantime?",
    ]
    static let names = ["Mary", "Ahmed", "Sofía", "Jürgen", "Li", "Olu", "Priya", "Tomás"]

    /// Writes `count` tickets to `path` and returns the file size in bytes.
    @discardableResult
    static func write(count: Int, to path: String, seed: UInt64 = 42) throws -> Int {
        let out = try BufferedLineWriter(path: path)
        var rng = SeededGenerator(seed: seed)
        var commentID = 8_000_000
        let start = 1_735_689_600   // 2025-01-01T00:00:00Z
        func pick<T>(_ array: [T]) -> T { array[Int(rng.next() % UInt64(array.count))] }
        func iso(_ epoch: Int) -> String {
            var t = time_t(epoch)
            var parts = tm()
            gmtime_r(&t, &parts)
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                          parts.tm_hour, parts.tm_min, parts.tm_sec)
        }
        for i in 0..<count {
            let created = start + i * 31 + Int(rng.next() % 30)
            let roll = rng.next() % 20      // 1: 35 %, 2: 40 %, 3: 15 %, 4: 10 % → mean 2.0
            let commentCount = roll < 7 ? 1 : roll < 15 ? 2 : roll < 18 ? 3 : 4
            let requester = 360_000_000_000 + Int(rng.next() % 400_000)
            let agent = 361_000_000_000 + Int(rng.next() % 60)
            let name = pick(names)
            var comments: [String] = []
            var firstBody = ""
            var when = created
            for c in 0..<commentCount {
                let isAgent = c % 2 == 1
                var body = isAgent ? pick(agentLines) : pick(openers) + "\\n\\n" + pick(customerLines)
                let sentences = 1 + Int(rng.next() % 4)
                for _ in 0..<sentences { body += "\\n\\n" + (isAgent ? pick(agentLines) : pick(filler)) }
                body += isAgent ? "\\n\\nBest,\\nSupport team" : "\\n\\nBest regards,\\n\(name)"
                if c == 0 { firstBody = body }
                let isPublic = !isAgent || rng.next() % 5 != 0
                commentID += 1 + Int(rng.next() % 8)
                comments.append(#"{"id":\#(commentID),"author_id":\#(isAgent ? agent : requester),"body":"\#(body)","public":\#(isPublic),"created_at":"\#(iso(when))"}"#)
                when += 600 + Int(rng.next() % 86_000)
            }
            var tags: [String] = []
            for _ in 0..<(2 + Int(rng.next() % 4)) { tags.append("\"" + pick(tagPool) + "\"") }
            let group = 360_001_000_000 + Int(rng.next() % 8)
            let line = #"{"id":\#(1_000_001 + i),"external_id":null,"via":{"channel":"\#(pick(channels))","source":{"from":{},"to":{},"rel":null}},"created_at":"\#(iso(created))","updated_at":"\#(iso(when))","subject":"\#(pick(customerLines).prefix(48))","description":"\#(firstBody)","priority":"\#(pick(priorities))","status":"\#(pick(statuses))","requester_id":\#(requester),"submitter_id":\#(requester),"assignee_id":\#(agent),"organization_id":\#(360_002_000_000 + Int(rng.next() % 5_000)),"group_id":\#(group),"tags":[\#(tags.joined(separator: ","))],"custom_fields":[{"id":360012345601,"value":"\#(pick(tagPool))"},{"id":360012345602,"value":"\#(pick(channels))"},{"id":360012345603,"value":null}],"satisfaction_rating":null,"has_incidents":false,"is_public":true,"comments":[\#(comments.joined(separator: ","))]}"#
            out.write(line)
        }
        return try out.close()
    }
}
