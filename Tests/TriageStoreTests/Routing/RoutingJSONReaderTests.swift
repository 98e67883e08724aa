import Testing
@testable import TriageStore

@Suite struct RoutingJSONReaderTests {
    @Test(arguments: [[], ["vip"], ["a", "b c"], ["quote \" and \\ back", "line\nbreak\ttab"], ["ünï", "日本"], ["\u{01}ctl"]])
    func arraysRoundTripThroughJSONText(_ values: [String]) {
        #expect(RoutingJSONReader.strings(JSONWriter.array(values)) == values)
    }

    @Test(arguments: [[:], ["plan": "Pro"], ["a": "1", "b:c": "x,y", "q": "say \"hi\""], ["k": "\u{02}"]])
    func objectsRoundTripThroughJSONText(_ values: [String: String]) {
        #expect(RoutingJSONReader.object(JSONWriter.object(values)) == values)
    }

    @Test func otherJSONFallsBackToTheDecoder() {
        #expect(RoutingJSONReader.strings(#"[ "a" , "b" ]"#) == ["a", "b"])
        #expect(RoutingJSONReader.strings("not json") == [])
    }
}
