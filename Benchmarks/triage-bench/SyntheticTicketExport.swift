import Foundation

/// Writes synthetic support tickets of realistic size: Zendesk-style JSON Lines, one ticket per line,
/// about 1 KB of customer text each, departments and phrasing varied by a seeded generator.
enum SyntheticTicketExport {
    static let departments = ["Billing", "Technical Support", "Account & Access", "Shipping & Returns", "Sales",
                              "Product Feedback", "Security & Abuse", "General Inquiry"]

    static let phrases: [String: [String]] = [
        "Billing": ["I was charged twice this month", "the invoice shows the wrong VAT number", "please refund the annual plan",
                    "my card was declined although it is valid", "why did the price go up", "I need a copy of the receipt"],
        "Technical Support": ["the dashboard shows error 502 since this morning", "the export job never finishes",
                              "the API returns a timeout for every request", "sync stopped working after the update",
                              "the app crashes when I open reports", "the integration with Slack is broken"],
        "Account & Access": ["I cannot log in after resetting my password", "two-factor codes are rejected",
                             "please add a new admin to our workspace", "how do I delete my account", "SSO login loops back"],
        "Shipping & Returns": ["my parcel has not arrived after two weeks", "the tracking number does not work",
                               "the item arrived damaged", "I want to return the chair", "the wrong size was delivered"],
        "Sales": ["we would like a quote for 250 seats", "can we get a demo next week", "do you offer volume discounts",
                  "what is included in the enterprise plan", "we are comparing you with another vendor"],
        "Product Feedback": ["it would be great to have a dark mode", "the new menu is confusing", "please bring back the old layout",
                             "I love the new charts", "an export to PDF would save us hours"],
        "Security & Abuse": ["I received a phishing email pretending to be you", "someone logged into my account from abroad",
                             "a user is sending spam through your platform", "I found a vulnerability in the login form"],
        "General Inquiry": ["what are your opening hours", "do you have an office in Berlin", "who can I talk to about a partnership",
                            "is there a student discount", "where can I find your press kit"],
    ]

    static let filler = ["Thanks in advance for your help.", "This is quite urgent for our team.", "We have been customers for years.",
                         "I already tried the steps in your help center.", "Our account number is in the signature.",
                         "Please let me know if you need screenshots.", "It happened again today around noon.",
                         "Several colleagues see the same thing.", "I am not sure whom else to ask.", "Kind regards from the team."]

    /// Writes `count` tickets to `path` (JSON Lines) and returns the file size in bytes.
    @discardableResult
    static func write(count: Int, to path: String, seed: UInt64 = 42) throws -> Int {
        let out = try BufferedLineWriter(path: path)
        var rng = SeededGenerator(seed: seed)
        let base = 1_795_000_000
        for i in 1...count {
            let department = departments[Int(rng.next() % UInt64(departments.count))]
            let lines = phrases[department]!
            var body = ""
            while body.utf8.count < 1000 {
                body += (rng.next() % 3 == 0 ? lines.randomElement(using: &rng)! : filler.randomElement(using: &rng)!) + ". "
            }
            // Exports come ordered by time (Zendesk's incremental export by update time): a ticket every ~2 s, jittered.
            let created = base + i * 2 + Int(rng.next() % 2)
            out.write(#"{"id":\#(i),"subject":"\#(lines.randomElement(using: &rng)!)","description":"\#(body)","status":"open","priority":"normal","requester_id":\#(Int(rng.next() % 50_000)),"group_name":"\#(department)","tags":["t\#(i % 97)","bench"],"via":{"channel":"email"},"created_at":\#(created),"updated_at":\#(created + 3600)}"#)
        }
        return try out.close()
    }
}
