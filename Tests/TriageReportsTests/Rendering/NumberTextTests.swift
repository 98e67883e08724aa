import Testing
@testable import TriageReports

@Suite("Number formatting")
struct NumberTextTests {
    @Test func counts() {
        #expect(NumberText.count(0) == "0")
        #expect(NumberText.count(999) == "999")
        #expect(NumberText.count(1_000) == "1,000")
        #expect(NumberText.count(1_234_567) == "1,234,567")
        #expect(NumberText.count(-4_500) == "-4,500")
    }

    @Test func percentages() {
        #expect(NumberText.percent(54, of: 142) == "38%")
        #expect(NumberText.percent(1, of: 1_000) == "<1%")
        #expect(NumberText.percent(0, of: 0) == "0%")
        #expect(NumberText.change(from: 127, to: 142) == "+12%")
        #expect(NumberText.change(from: 100, to: 95) == "-5%")
        #expect(NumberText.change(from: 0, to: 5) == nil)
    }

    @Test func money() {
        #expect(NumberText.usd(0.4213) == "$0.42")
        #expect(NumberText.usd(0.995) == "$1.00")
        #expect(NumberText.usd(1_234.5) == "$1,234.50")
        #expect(NumberText.usd(0.0031) == "$0.0031")
        #expect(NumberText.usd(0) == "$0.00")
    }

    @Test func durationsAndTokens() {
        #expect(NumberText.duration(minutes: 45) == "45 min")
        #expect(NumberText.duration(minutes: 200) == "3 h 20 min")
        #expect(NumberText.duration(minutes: 120) == "2 h")
        #expect(NumberText.duration(minutes: 3_120) == "2 d 4 h")
        #expect(NumberText.tokens(950) == "950")
        #expect(NumberText.tokens(232_700) == "232.7k")
        #expect(NumberText.tokens(4_560_000) == "4.56M")
    }
}
