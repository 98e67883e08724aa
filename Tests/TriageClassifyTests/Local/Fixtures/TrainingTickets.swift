@testable import TriageClassify

/// Small labelled tickets written for these tests: per department, subjects and sentences; training tickets are
/// built from the first sentences, held-out tickets only from the last ones, so the model must generalize from
/// shared vocabulary rather than recognize sentences it has seen.
enum TrainingTickets {
    struct Department {
        var name: String
        var subjects: [String]
        var sentences: [String]
    }

    static let heldOutSentenceCount = 4

    static let departments: [Department] = [
        Department(name: "Billing", subjects: [
            "Invoice question", "Charged twice this month", "Refund request", "Wrong amount on my bill",
            "Payment method update", "Subscription renewal charge", "VAT on invoice",
        ], sentences: [
            "I was charged twice for my subscription this month and need a refund for the duplicate payment.",
            "The invoice you sent shows the wrong amount, the price should be lower according to my plan.",
            "Please update the credit card on file because my old card expired and the payment failed.",
            "Can you send me a copy of last month's invoice with our company VAT number on it?",
            "My bank statement shows an extra charge from you that I do not recognize.",
            "I cancelled the subscription but you still billed my card for the annual renewal.",
            "Please refund the payment, the charge was made after I downgraded my plan.",
            "The invoice total does not match the pricing page, we were overcharged.",
            "How do I switch from monthly billing to yearly billing to get the discount?",
            "Our accounts team needs the receipt and invoice PDF for the last three payments.",
            "There is a billing error: the renewal fee was charged to the wrong credit card.",
            "I want my money back for the duplicate charge on my invoice.",
            "Why did the subscription price go up on this month's bill without notice?",
            "Please issue a credit note and refund the overcharged amount to my card.",
        ]),
        Department(name: "Technical Support", subjects: [
            "App crashes on start", "Error 500 when saving", "Sync not working", "Integration broken",
            "Slow dashboard", "API returns timeout", "Export fails",
        ], sentences: [
            "The app crashes every time I open it after the latest update.",
            "When I click save I get an error 500 and my changes are lost.",
            "The sync between the mobile app and the desktop app stopped working yesterday.",
            "Our Slack integration no longer posts messages, the webhook returns an error.",
            "The dashboard takes over a minute to load and sometimes shows a blank page.",
            "API requests time out after thirty seconds since this morning.",
            "The CSV export fails with an unexpected error message about the server.",
            "I followed the setup guide but the plugin does not install on our server.",
            "After reinstalling the app the bug is still there and it freezes on the loading screen.",
            "The search feature returns no results even though the records exist.",
            "The app freezes and then crashes with an error when I upload a file.",
            "Since the update the server returns an error and the page does not load.",
            "The webhook integration fails with a timeout error on every request.",
            "There is a bug: the mobile app shows a blank screen after login and crashes.",
        ]),
        Department(name: "Account & Access", subjects: [
            "Cannot reset password", "Two-factor code not arriving", "Locked out of account",
            "Add a new user", "Change account email", "Delete my account", "SSO login problem",
        ], sentences: [
            "I forgot my password and the reset link in the email has expired.",
            "The two-factor authentication code never arrives on my phone so I cannot log in.",
            "My account is locked after too many login attempts, please unlock it.",
            "How do I add a new user to our team account and give them admin rights?",
            "I need to change the email address of my account because I changed jobs.",
            "Please delete my account and all my personal data.",
            "Single sign-on login fails for our users with an invalid session message.",
            "I lost my phone with the authenticator app and need to disable two-factor on my account.",
            "Please remove the former employee's user from our account and revoke access.",
            "I would like to change the username and the password of my profile.",
            "I cannot sign in to my account, the password reset email never comes.",
            "Please give my colleague access to the account as an admin user.",
            "My login stopped working and the account says it is locked.",
            "How can I update my profile settings and change the account password?",
        ]),
        Department(name: "Shipping & Returns", subjects: [
            "Where is my order?", "Package arrived damaged", "Return label request", "Wrong item delivered",
            "Tracking number not working", "Exchange for a different size", "Missing item in parcel",
        ], sentences: [
            "My order was supposed to be delivered last week but the tracking has not updated.",
            "The package arrived damaged and the item inside is broken.",
            "I would like to return the shoes, please send me a return label.",
            "You delivered the wrong item, I ordered a blue jacket and received a red one.",
            "The tracking number from the shipping confirmation does not work on the courier site.",
            "Can I exchange the shirt for a larger size?",
            "One item is missing from the parcel even though the packing slip lists it.",
            "The courier left the package at the wrong address and it was never delivered.",
            "How long does the delivery take to Canada and how much is shipping?",
            "I sent the return back two weeks ago, when will the item be processed?",
            "The parcel never arrived and the courier tracking says delivered.",
            "Please arrange a return pickup for the broken item from my order.",
            "I received my order but the box was damaged during shipping.",
            "Can you ship a replacement for the missing package or exchange the order?",
        ]),
        Department(name: "Sales", subjects: [
            "Quote for 200 seats", "Enterprise plan pricing", "Request a demo", "Volume discount",
            "Upgrade to business plan", "Reseller partnership", "Trial extension before purchase",
        ], sentences: [
            "We are evaluating your product and would like a quote for 200 seats.",
            "What does the enterprise plan cost and does it include priority support?",
            "Could we schedule a demo for our team next week?",
            "Do you offer a volume discount for nonprofits buying more than fifty licenses?",
            "We want to upgrade from the starter plan to the business plan, who can help?",
            "We are a reseller interested in a partnership to sell your software in Germany.",
            "Our trial ends tomorrow; can you extend it while we finish the purchase approval?",
            "Please send pricing for an annual contract with single sign-on included.",
            "Is there a discount if we pay for three years up front?",
            "Our procurement team needs a formal quote and your security questionnaire.",
            "We would like a demo and a price quote for the enterprise plan before we buy.",
            "How much would licenses for our whole company cost on the business plan?",
            "Can your sales team prepare an offer with a discount for a multi-year contract?",
            "We are interested in buying seats for our new office, please contact us with pricing.",
        ]),
        Department(name: "Product Feedback", subjects: [
            "Feature request: dark mode", "Suggestion for reports", "Love the new editor",
            "Please bring back the old layout", "Idea for keyboard shortcuts", "Calendar view request",
            "Feedback on the redesign",
        ], sentences: [
            "It would be great if the app had a dark mode for working at night.",
            "A suggestion: let us schedule reports to be emailed every Monday.",
            "I love the new editor, it is so much faster than the old one.",
            "The redesign hides the menu I use most, please bring back the old layout.",
            "Keyboard shortcuts for switching between projects would save me a lot of time.",
            "A calendar view for tasks would make planning much easier.",
            "The new colours are hard to read; consider a high-contrast option.",
            "Please consider adding an option to export charts as images.",
            "My team really likes the templates feature, thanks for building it.",
            "It would be nice to customize the sidebar and hide items we never use.",
            "Feature request: please add a dark theme and more customization options.",
            "I have an idea for the product: a weekly summary view would be great.",
            "We like the redesign but the new layout needs an option for compact view.",
            "Please consider a feature to customize the dashboard, it would be nice.",
        ]),
        Department(name: "Security & Abuse", subjects: [
            "Phishing email using your brand", "Suspicious login from abroad", "Report a vulnerability",
            "Spam sent from your platform", "Fraudulent account", "Possible data breach", "Abuse report",
        ], sentences: [
            "I received a phishing email pretending to be from your company asking for my password.",
            "There was a suspicious login to my account from another country that was not me.",
            "I found a security vulnerability in your login page that allows script injection.",
            "Someone is sending spam to our customers through a form on your platform.",
            "A fraudulent account is impersonating our business on your marketplace.",
            "We believe customer data leaked; a list of emails from your service appeared online.",
            "A user on your platform is harassing people and posting abusive content.",
            "My account was hacked and the attacker changed the payout details.",
            "Your server exposes a directory listing with private files, this is a security issue.",
            "Someone used a stolen credit card to buy from us through your checkout, please investigate fraud.",
            "I want to report a phishing site that copies your login page to steal credentials.",
            "There is unauthorized activity on my account, I think it was compromised by an attacker.",
            "We found a vulnerability that could leak customer data, please contact your security team.",
            "This account is sending spam and scam messages, please block the abuse.",
        ]),
        Department(name: "General Inquiry", subjects: [
            "Office opening hours", "Press inquiry", "Where are you located?", "Question about your company",
            "Job application", "Sustainability policy", "Event sponsorship",
        ], sentences: [
            "What are your office opening hours during the holidays?",
            "I am a journalist writing an article and would like to interview someone from your team.",
            "Where is your headquarters located and do you have an office in Spain?",
            "Is your company owned by a larger group, and how long have you been in business?",
            "I would like to know whether you have any open positions for students.",
            "Do you publish a sustainability report or an environmental policy?",
            "Our school is organising a charity event and we are looking for sponsors.",
            "Can you tell me who the right person is to talk to about a general question?",
            "I am writing a thesis and wonder if your company shares any public statistics.",
            "Do you have a newsletter I can subscribe to for company news?",
            "I have a general question about your company history and where your team is based.",
            "Could someone from your press office answer a few questions for a magazine article?",
            "Are there internships or student jobs at your office this summer?",
            "Does your company sponsor community events or local charity projects?",
        ]),
    ]

    /// Training tickets: every pair of the first sentences, with a rotating subject.
    static func training() -> [LabeledText] {
        var tickets: [LabeledText] = []
        for department in departments {
            let pool = department.sentences.count - heldOutSentenceCount
            var count = 0
            for first in 0..<pool {
                for second in [(first + 1) % pool, (first + 3) % pool, (first + 5) % pool] {
                    let subject = department.subjects[count % department.subjects.count]
                    let body = "Hello,\n" + department.sentences[first] + " " + department.sentences[second] + "\nRegards"
                    tickets.append(LabeledText(id: "\(department.name)-train-\(count)", subject: subject, body: body,
                                               department: department.name))
                    count += 1
                }
            }
        }
        return tickets
    }

    /// Held-out tickets: one per held-out sentence, with no subject (the body alone must decide).
    static func heldOut() -> [LabeledText] {
        var tickets: [LabeledText] = []
        for department in departments {
            for (offset, sentence) in department.sentences.suffix(heldOutSentenceCount).enumerated() {
                tickets.append(LabeledText(id: "\(department.name)-test-\(offset)", subject: "",
                                           body: "Hi team, " + sentence + " Thanks.", department: department.name))
            }
        }
        return tickets
    }
}
