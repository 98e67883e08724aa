import Foundation
import Testing
@testable import TriageImport

@Suite struct JSONBytesParserTests {
    private func parse(_ text: String) throws -> Any {
        try JSONBytesParser.parse(Array(text.utf8))
    }

    private func syntaxError(_ text: String) -> JSONBytesParser.SyntaxError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as JSONBytesParser.SyntaxError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsAZendeskTicketLine() throws {
        let line = #"""
            {"id":1000001,"external_id":null,"via":{"channel":"web"},"subject":"Refund","tags":["vat","smb"],
             "custom_fields":[{"id":360012345601,"value":"billing"},{"id":2,"value":null}],"has_incidents":false,
             "comments":[{"id":8000008,"author_id":360000261780,"body":"Dear support,\n\nIt is \"urgent\".","public":true}],
             "score":-2.5e1,"ratio":0.25}
            """#
        let object = try #require(try parse(line) as? [String: Any])
        #expect(object["id"] as? Int == 1_000_001)
        #expect(object["external_id"] is NSNull)
        #expect((object["via"] as? [String: Any])?["channel"] as? String == "web")
        #expect(object["tags"] as? [String] == ["vat", "smb"])
        #expect(object["has_incidents"] as? Bool == false)
        #expect(object["score"] as? Double == -25)
        #expect(object["ratio"] as? Double == 0.25)
        let comment = try #require((object["comments"] as? [Any])?.first as? [String: Any])
        #expect(comment["body"] as? String == "Dear support,\n\nIt is \"urgent\".")
        #expect(comment["public"] as? Bool == true)
        #expect(comment["author_id"] as? Int == 360_000_261_780)
        #expect(object.count == 10)
    }

    @Test func agreesWithJSONObjectAccessorsOnNumbersAndBooleans() throws {
        let object = try JSONObject(parsing: Array(#"{"id": 1, "flag": true, "big": 12345678901234567890, "f": 3.0, "s": "7"}"#.utf8))
        #expect(object.string("id") == "1")                  // an integer 1 is never read as `true`
        #expect(object.string("flag") == "true")
        #expect(object.bool("flag") == true)
        #expect(object.int("s") == 7)
        #expect(object.string("f") == "3")
        #expect((object.value("big") as? Double).map { $0 > 1.2345e19 && $0 < 1.2346e19 } == true)
        #expect(object.int("id") == 1)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let text = try parse(#""tab\there \u00e9 \u20AC \ud83d\ude00 \/ \\ \b\f\r""#) as? String
        #expect(text == "tab\there é € 😀 / \\ \u{8}\u{C}\r")
        // An unpaired surrogate becomes U+FFFD; the rest of the string is kept.
        #expect(try parse(#""a\ud800b""#) as? String == "a\u{FFFD}b")
        #expect(try parse(#""a\udc00\u0041""#) as? String == "a\u{FFFD}A")
        #expect(try parse(#""\ud83d\u0041""#) as? String == "\u{FFFD}A")
    }

    @Test func keepsMultiByteTextAndRepairsInvalidUTF8() throws {
        #expect(try parse(#"{"name":"Jürgen Müller 日本"}"#) as? [String: String] == ["name": "Jürgen Müller 日本"])
        var bytes = Array(#"{"body":"ok "#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#" end"}"#.utf8)
        let object = try #require(try JSONBytesParser.parse(bytes) as? [String: Any])
        #expect(object["body"] as? String == "ok \u{FFFD}\u{FFFD} end")
    }

    @Test func handlesIntegerLimits() throws {
        #expect(try parse("9223372036854775807") as? Int == Int.max)
        #expect(try parse("-9223372036854775808") as? Int == Int.min)
        #expect(try parse("9223372036854775808") as? Double == 9_223_372_036_854_775_808)
        #expect(try parse("-0") as? Int == 0)
        #expect(try parse(" \n 42 \r\n") as? Int == 42)
    }

    @Test func skipsAByteOrderMark() throws {
        let object = try JSONBytesParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8))
        #expect((object as? [String: Any])?["a"] as? Int == 1)
    }

    @Test func lastDuplicateKeyWins() throws {
        #expect((try parse(#"{"a":1,"a":2}"#) as? [String: Any])?["a"] as? Int == 2)
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "expected a quoted key", 7),
        (#"[1,2,]"#, "where a value was expected", 5),
        (#"{'a':1}"#, "expected a quoted key", 1),
        (#"{"a" 1}"#, "expected ':'", 5),
        (#"{"a":01}"#, "leading zero", 6),
        (#"{"a":1.}"#, "digits after '.'", 7),
        (#"{"a":1e}"#, "exponent", 7),
        (#"{"a":-}"#, "digits after '-'", 6),
        (#"{"a":tru}"#, "where a value was expected", 5),
        (#"{"a":"x\qy"}"#, "invalid escape", 8),
        (#"{"a":"\u12G4"}"#, "four hex digits", 10),
        (#"{"a":"open"#, "unterminated string", 5),
        (#"{"a":1} x"#, "after the JSON value", 8),
        (#"{"a":[1 2]}"#, "expected ',' or ']'", 8),
        (#"{"a":1 "b":2}"#, "expected ',' or '}'", 7),
        (#"{"a":"#, "ends where a value was expected", 5),
        ("", "empty", 0),
        ("   ", "ends where a value was expected", 3),
        ("// comment\n{}", "where a value was expected", 0),
        ("1e999", "out of range", 0),
    ])
    func rejectsInvalidJSONWithAReasonAndOffset(text: String, reason: String, offset: Int) {
        let error = syntaxError(text)
        #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        #expect(error?.offset == offset, "\(text): \(String(describing: error))")
    }

    @Test func rejectsControlCharactersInStrings() {
        #expect(syntaxError("\"a\u{1}b\"")?.reason.contains("control character") == true)
        #expect(syntaxError("\"a\nb\"")?.reason.contains("control character") == true)
        #expect(syntaxError("\"a\\n\u{9}b\"")?.reason.contains("control character") == true)
    }

    @Test func boundsNesting() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(syntaxError(deep)?.reason.contains("nesting deeper than 256") == true)
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try parse(fine) is [Any])
    }

    @Test func aBrokenRecordIsReportedAsInvalidJSON() {
        #expect(throws: JSONRecordError.self) { try JSONObject(parsing: Array(#"{"id": 1,, }"#.utf8)) }
        do {
            _ = try JSONObject(parsing: Array(#"{"id": 1,, }"#.utf8))
        } catch let error as JSONRecordError {
            #expect(error.message.hasPrefix("not valid JSON (expected a quoted key, found ',' at byte 9"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
