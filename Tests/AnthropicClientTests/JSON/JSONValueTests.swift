import AnthropicClient
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("every JSON kind decodes to its case and encodes back with sorted keys")
    func roundTrip() throws {
        let text = #"{"s":"x","o":{"k":[]},"a":[false,0,-2.5,null],"i":7,"d":1.5,"b":true,"n":null}"#
        let value = try #require(JSONValue.parse(Data(text.utf8)))
        #expect(value == .object([
            "s": .string("x"), "o": .object(["k": .array([])]),
            "a": .array([.bool(false), .int(0), .double(-2.5), .null]),
            "i": .int(7), "d": .double(1.5), "b": .bool(true), "n": .null,
        ]))
        let encoded = String(decoding: try AnthropicJSON.encode(value), as: UTF8.self)
        #expect(encoded == #"{"a":[false,0,-2.5,null],"b":true,"d":1.5,"i":7,"n":null,"o":{"k":[]},"s":"x"}"#)
        #expect(JSONValue.parse(Data("{not json".utf8)) == nil)
    }
}
