import Foundation
import MailParser
import Testing

@Suite struct MailDateTests {
    /// 2025-11-03T08:13:58Z
    static let reference = Date(timeIntervalSince1970: 1_762_157_638)

    @Test(arguments: [
        "Mon, 3 Nov 2025 09:13:58 +0100",
        "Mon, 03 Nov 2025 08:13:58 GMT",
        "3 Nov 2025 08:13:58 +0000",
        "Mon, 3 Nov 2025 03:13:58 EST",
        "Mon, 3 Nov 2025 09:13:58 +0100 (CET)",
        "Mon,  3 Nov 25 09:13:58 +0100",
        "Mon Nov  3 08:13:58 2025",
        "2025-11-03T08:13:58Z",
        "2025-11-03T09:13:58+01:00",
        "Monday, 3 November 2025 09:13:58 +01:00",
        "Mon, 3 Nov 2025 08:13:58 UT",
    ])
    func readsCommonForms(raw: String) {
        #expect(MailDate.parse(raw) == Self.reference)
    }

    @Test func missingSecondsAndZone() {
        #expect(MailDate.parse("3 Nov 2025 08:13") == Self.reference.addingTimeInterval(-58))
    }

    @Test(arguments: ["", "yesterday", "32 Foo 2025 99:99:99", "Mon, 3 Nov", "Mon, 45 Nov 2025 10:00:00 +0000"])
    func rejectsGarbage(raw: String) {
        #expect(MailDate.parse(raw) == nil)
    }
}
