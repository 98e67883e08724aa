import MailParser
import Testing

@Suite struct AddressParserTests {
    @Test func nameAndAngleAddress() {
        let list = AddressParser.parse("\"Smith, Bob\" <bob@example.com>, carol@example.com")
        #expect(list == [MailAddress(name: "Smith, Bob", address: "bob@example.com"),
                         MailAddress(address: "carol@example.com")])
    }

    @Test func commentGivesNameWhenNoPhrase() {
        #expect(AddressParser.parse("dave@example.com (Dave D.)") == [MailAddress(name: "Dave D.", address: "dave@example.com")])
    }

    @Test func emptyGroupYieldsNothing() {
        #expect(AddressParser.parse("undisclosed-recipients:;").isEmpty)
    }

    @Test func groupMembersKeepGroupName() {
        let list = AddressParser.parse("Team: a@x.example, b@x.example;, c@y.example")
        #expect(list.map(\.address) == ["a@x.example", "b@x.example", "c@y.example"])
        #expect(list.map(\.group) == ["Team", "Team", nil])
    }

    @Test func encodedWordsInNamesAndQuotes() {
        let list = AddressParser.parse("=?UTF-8?Q?Zo=C3=AB?= <zoe@example.com>, \"=?UTF-8?Q?D=C3=ADaz?=\" <d@example.com>")
        #expect(list.map(\.name) == ["Zoë", "Díaz"])
    }

    @Test func obsoleteRouteIsDropped() {
        #expect(AddressParser.parse("<@relay.example:user@example.com>").first?.address == "user@example.com")
    }

    @Test func garbageNeverCrashesAndReportsDefect() {
        var defects: [MailDefect] = []
        _ = AddressParser.parse("<<<>>>,,;;::\"unterminated (comment", defects: &defects)
        _ = AddressParser.parse("a@b c@d e", defects: &defects)
        #expect(defects.contains(.malformedAddress))
    }

    @Test func fixtureHeaders() throws {
        let message = try Fixture.message("addresses.eml")
        #expect(message.from == [MailAddress(name: "Smith, Bob (Ops)", address: "bob@example.com")])
        #expect(message.to.isEmpty)
        #expect(message.cc.map(\.address) == ["alice@example.com", "carol@example.com", "dave@example.com", "zoe@example.com"])
        #expect(message.cc[1].name == "Carol Díaz")
        #expect(message.cc[3].name == "Zoë")
    }
}
