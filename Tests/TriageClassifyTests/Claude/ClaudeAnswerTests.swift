import AnthropicClient
import Foundation
import Testing
import TriageModel
@testable import TriageClassify

@Suite struct ClaudeAnswerTests {
    static let departments = Department.defaults.map(\.name)

    static func message(_ text: String, stop: StopReason = .endTurn) -> Message {
        Message(id: "msg_1", model: "claude-haiku-5-5", content: [.text(text)], stopReason: stop, usage: Usage())
    }

    static func parse(_ text: String, stop: StopReason = .endTurn) -> Result<ClaudeAnswer, ClaudeAnswer.Problem> {
        ClaudeAnswer.parse(message(text, stop: stop), departments: departments, toolName: nil, summaryWords: 8)
    }

    @Test func validAnswerIsRead() throws {
        let answer = try Self.parse(ClaudeFixtures.answer(department: "Shipping & Returns", priority: "high", confidence: 0.82)).get()
        #expect(answer.department == "Shipping & Returns")
        #expect(answer.priority == .high)
        #expect(answer.confidence == 0.82)
        #expect(answer.language == "en")
        #expect(answer.needsHumanReason == nil)
    }

    @Test(arguments: [
        (ClaudeFixtures.answer(department: "Legal"), ClaudeAnswer.Problem.invalidValue(field: "department", value: "Legal")),
        (ClaudeFixtures.answer(priority: "critical"), .invalidValue(field: "priority", value: "critical")),
        (ClaudeFixtures.answer(confidence: 1.5), .invalidValue(field: "confidence", value: "1.5")),
        (ClaudeFixtures.answer(confidence: -0.1), .invalidValue(field: "confidence", value: "-0.1")),
        (ClaudeFixtures.answer(summary: "  "), .invalidValue(field: "summary", value: "(empty)")),
        (#"{"department":"Billing"}"#, .missingField("priority")),
        ("Sure! Here is the JSON you asked for.", .notJSON),
        ("[1, 2]", .notJSON),
        ("", .noAnswer("empty text")),
    ])
    func invalidAnswersAreRejected(text: String, problem: ClaudeAnswer.Problem) {
        #expect(Self.parse(text) == .failure(problem))
    }

    @Test func extraFieldIsRejected() {
        let text = ClaudeFixtures.answer().replacingOccurrences(of: "{", with: #"{"route_to":"Legal","#)
        #expect(Self.parse(text) == .failure(.unexpectedField("route_to")))
    }

    @Test func refusalAndCutOffAreInvalidWhateverTheText() {
        #expect(Self.parse(ClaudeFixtures.answer(), stop: .refusal) == .failure(.refused))
        #expect(Self.parse(#"{"department": "Bil"#, stop: .maxTokens) == .failure(.cutOff))
    }

    @Test func departmentCaseIsNormalisedToTheConfiguredSpelling() throws {
        #expect(try Self.parse(ClaudeFixtures.answer(department: "technical support")).get().department == "Technical Support")
    }

    @Test func badLanguageTagIsDroppedNotFatal() throws {
        #expect(try Self.parse(ClaudeFixtures.answer(language: "English please")).get().language == nil)
        #expect(try Self.parse(ClaudeFixtures.answer(language: "pt-BR")).get().language == "pt-BR")
    }

    @Test func longSummaryIsCut() throws {
        let answer = try Self.parse(ClaudeFixtures.answer(summary: "one two three four five six seven eight nine ten")).get()
        #expect(answer.summary == "one two three four five six seven eight …")
    }

    @Test func toolInputIsReadForToolModels() throws {
        let input = try #require(JSONValue.parse(Data(ClaudeFixtures.answer(department: "Sales").utf8)))
        let message = Message(id: "m", model: "x", content: [.toolUse(ToolUseBlock(id: "t", name: "record_triage", input: input))],
                              stopReason: .toolUse, usage: Usage())
        let answer = ClaudeAnswer.parse(message, departments: Self.departments, toolName: "record_triage", summaryWords: 60)
        #expect(try answer.get().department == "Sales")
        let other = ClaudeAnswer.parse(Self.message("{}"), departments: Self.departments, toolName: "record_triage", summaryWords: 60)
        #expect(other == .failure(.noAnswer("no call of tool record_triage")))
    }
}
