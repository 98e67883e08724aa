import Foundation
import Testing
import TriageImport

@Suite("XMLFormatSniffer")
struct XMLFormatSnifferTests {
    @Test("document element and first fields tell the formats apart", arguments: [
        ("<?xml version=\"1.0\"?>\n<!-- export -->\n<tickets type=\"array\"><ticket><nice-id>1</nice-id>", ImportFormat.zendeskXML),
        ("<helpdesk-tickets type=\"array\"><helpdesk-ticket>", .freshdeskXML),
        ("\u{FEFF}<?xml version=\"1.0\"?><export><tickets><ticket id=\"1\"/>", .genericXML),
        ("<tickets><ticket><id>1</id></ticket></tickets>", .genericXML),
        ("<!DOCTYPE tickets><ns:tickets xmlns:ns=\"urn:x\"><ns:ticket><ns:nice-id>1", .zendeskXML),
    ])
    func formats(prefix: String, expected: ImportFormat) {
        #expect(XMLFormatSniffer.format(ofPrefix: Data(prefix.utf8)) == expected)
    }

    @Test("UTF-16 with a byte-order mark is read")
    func utf16() {
        var data = Data([0xFF, 0xFE])
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><helpdesk-tickets>".utf16 {
            data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        #expect(XMLFormatSniffer.format(ofPrefix: data) == .freshdeskXML)
    }

    @Test("JSON, mail and empty data are not XML", arguments: ["{\"tickets\": []}", "From: a@b.c\r\nSubject: hi", "", "   "])
    func notXML(prefix: String) {
        #expect(XMLFormatSniffer.format(ofPrefix: Data(prefix.utf8)) == nil)
    }
}
