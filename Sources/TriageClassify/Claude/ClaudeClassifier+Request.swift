import AnthropicClient
import Foundation

/// A ticket's request as sent, with what is needed to read the answer back.
public struct PreparedRequest: Sendable {
    public var request: MessageRequest
    /// The placeholders put into the ticket text (to restore them in the summary).
    public var redaction: RedactedText
    /// The forced tool's name when the model has no structured output.
    public var toolName: String?
}

extension ClaudeClassifier {
    /// The request for `ticket`: cached system prompt first, redacted ticket last, structured output or a forced tool.
    public func prepare(_ ticket: TicketText) -> PreparedRequest {
        // Redact subject and body together so one value gets one placeholder across both.
        let subject = ticket.subject.replacingOccurrences(of: "\n", with: " ")
        let redaction = redactor.redact(subject + "\n\n" + ticket.body)
        let parts = redaction.text.components(separatedBy: "\n\n")
        let redactedSubject = parts.first ?? ""
        let redactedBody = parts.dropFirst().joined(separator: "\n\n")
        let user = prompt.renderUser(subject: redactedSubject, body: redactedBody, channel: ticket.channel)
        return PreparedRequest(request: request(userText: user), redaction: redaction, toolName: usesTool ? Self.toolName : nil)
    }

    /// Whether this model lacks `output_config.format` (the catalog says so) and gets a forced tool instead.
    public var usesTool: Bool {
        catalog.spec(for: model).map { !$0.structuredOutput } ?? false
    }

    func request(userText: String) -> MessageRequest {
        let system = SystemPrompt.blocks([TextBlock(text: systemPrompt, cacheControl: .ephemeral)])
        let spec = catalog.spec(for: model)
        let effort: Effort? = spec?.thinking == .adaptive ? settings.effort.map(Effort.init(rawValue:)) : nil
        if usesTool {
            return MessageRequest(
                model: model, maxTokens: settings.maxTokens, messages: [.user(userText)], system: system,
                tools: [Tool(name: Self.toolName, description: "Record the triage decision for the ticket.", inputSchema: schema)],
                toolChoice: .tool(name: Self.toolName),
                outputConfig: effort.map { OutputConfig(effort: $0) })
        }
        return MessageRequest(model: model, maxTokens: settings.maxTokens, messages: [.user(userText)], system: system,
                              outputConfig: OutputConfig(format: OutputFormat(schema: schema), effort: effort))
    }
}
