import Testing
import TriageImport

@Suite struct ReplyTrimmerTests {
    @Test(arguments: [
        ("Please fix.\n\nOn Mon, 10 Nov 2025 at 08:30, Maria <m@x.example> wrote:\n> old text\n", "Please fix."),
        ("Please fix.\n\nOn Mon, 10 Nov 2025 at 08:30, Maria Rossi\n<m@x.example> wrote:\n> old\n", "Please fix."),
        ("Bitte prüfen.\n\nAm 10.11.2025 um 08:30 schrieb Maria <m@x.example>:\n> alt\n", "Bitte prüfen."),
        ("Merci.\n\nLe lun. 10 nov. 2025 à 08:30, Maria <m@x.example> a écrit :\n> ancien\n", "Merci."),
        ("Gracias.\n\nEl lun, 10 nov 2025 a las 08:30, Maria escribió:\n> viejo\n", "Gracias."),
        ("New text\n\n-----Original Message-----\nFrom: a\nold\n", "New text"),
        ("See below\n\n---------- Forwarded message ---------\nFrom: x\nfwd body\n", "See below"),
        ("Thanks\n\nFrom: Support <s@acme.example>\nSent: Monday, 10 November 2025 10:00\nTo: Maria\nSubject: Re: x\n\nold\n", "Thanks"),
        ("Danke\n\nVon: Support <s@acme.example>\nGesendet: Montag, 10. November 2025 10:00\nAn: Maria\nBetreff: x\n", "Danke"),
        ("Body here\n-- \nJohn Smith\nACME Corp\n", "Body here"),
        ("It works now.\n\nSent from my iPhone\n", "It works now."),
        ("Geht wieder.\n\nVon meinem iPhone gesendet", "Geht wieder."),
        ("I agree.\n> quoted line\nMy inline answer.\n> another\n", "I agree.\nMy inline answer."),
        ("The export fails.\n\nBest regards,\nAnna Keller\nHead of Finance\n+49 30 1234567\n", "The export fails."),
        ("Dark mode please.\n\nCheers, Jake\n", "Dark mode please."),
    ])
    func trims(input: String, expected: String) {
        let result = ReplyTrimmer.trim(input)
        #expect(result.text == expected)
        #expect(result.trimmed)
    }

    @Test(arguments: [
        "Just a plain message with nothing to trim.\nSecond line.",
        "From: the billing page I cannot download invoices.",
        "On Monday the export failed again and I need it fixed.",
        "Hi,\n\nThanks, but it still fails.",
        "Hello,\n\nRegards the invoice: it is wrong.",
    ])
    func leavesPlainTextAlone(input: String) {
        let result = ReplyTrimmer.trim(input)
        #expect(result.text == input)
        #expect(!result.trimmed)
    }

    @Test func neverTrimsToNothing() {
        let quotedOnly = "> everything is quoted\n> here\n"
        #expect(ReplyTrimmer.trim(quotedOnly).text == quotedOnly)
        #expect(!ReplyTrimmer.trim(quotedOnly).trimmed)
        #expect(ReplyTrimmer.trim("Sent from my iPhone").trimmed == false)
    }

    @Test func handlesCRLF() {
        #expect(ReplyTrimmer.trim("Hi\r\n-- \r\nsig\r\n").text == "Hi")
    }
}
