import Foundation
import TriageModel

/// Local model first, Claude when the local model is unsure, a larger model when Claude is unsure.
///
/// 1. The local answer is used when its confidence is at least ``Options/localThreshold``.
/// 2. Otherwise Claude decides. A valid Claude answer below ``Options/claudeThreshold`` is asked again of the
///    escalation model, when one is configured; the escalation model's valid answer wins, else Claude's stands.
/// 3. When Claude is unavailable after the client's retries, the ticket fails (stays pending) — or, with
///    ``Options/fallbackToLocal``, gets the local answer marked as a fallback (`needs_human`, with the reason).
///    An invalid Claude answer (after its one retry) is a failure, never replaced by the local answer. A rejected
///    key or account (``ClaudeRunStop``) always throws; an unreachable API throws it unless falling back.
///
/// Every result names the backend and model that decided; the Claude calls made on the way are all returned.
public struct CascadeClassifier: Classifier, CostEstimating {
    public struct Options: Sendable, Hashable {
        public var localThreshold: Double
        public var claudeThreshold: Double
        public var fallbackToLocal: Bool

        public init(localThreshold: Double = CascadeDefaults.localThreshold, claudeThreshold: Double = NeedsHumanThreshold.default,
                    fallbackToLocal: Bool = false) {
            self.localThreshold = localThreshold
            self.claudeThreshold = claudeThreshold
            self.fallbackToLocal = fallbackToLocal
        }

        /// The cascade part of the `claude:` settings.
        public init(settings: ClaudeSettings) {
            self.init(localThreshold: settings.localThreshold, claudeThreshold: settings.confidenceThreshold,
                      fallbackToLocal: settings.fallbackToLocal)
        }
    }

    public let local: any Classifier
    public let claude: ClaudeClassifier
    public let escalation: ClaudeClassifier?
    public let options: Options

    public init(local: any Classifier, claude: ClaudeClassifier, escalation: ClaudeClassifier? = nil, options: Options) {
        self.local = local
        self.claude = claude
        self.escalation = escalation
        self.options = options
    }

    /// Local and Claude from one settings value; the escalation classifier uses `settings.escalationModel` if set.
    public init(local: any Classifier, claude: ClaudeClassifier) throws {
        let escalation = try claude.settings.escalationModel.map { model in
            try ClaudeClassifier(client: claude.client, settings: claude.settings, departments: claude.departments,
                                 prompt: claude.prompt, model: model, catalog: claude.catalog, logger: claude.logger)
        }
        self.init(local: local, claude: claude, escalation: escalation, options: Options(settings: claude.settings))
    }

    public func classify(_ ticket: TicketText) async throws -> Classification {
        let localAnswer = try await local.classify(ticket)
        if let result = localAnswer.result, result.confidence >= options.localThreshold {
            return localAnswer
        }
        let first = try await claude.attempt(ticket)
        var calls = localAnswer.calls + first.calls
        switch first.status {
        case let .answered(result):
            guard result.confidence < options.claudeThreshold, let escalation else {
                return Classification(result: result, calls: calls)
            }
            let second = try await escalation.attempt(ticket)
            calls += second.calls
            return Classification(result: second.result ?? result, calls: calls)
        case .invalid:
            return Classification(result: nil, calls: calls)
        case let .unavailable(reason):
            guard options.fallbackToLocal, var fallback = localAnswer.result else {
                if let stop = first.stop { throw stop }
                return Classification(result: nil, calls: calls)
            }
            fallback.needsHuman = true
            let note = "local fallback: Claude unavailable (\(reason.prefix(120)))"
            fallback.needsHumanReason = [note, fallback.needsHumanReason].compactMap { $0 }.joined(separator: "; ")
            return Classification(result: fallback, calls: calls)
        }
    }

    /// Worst case: Claude and, when configured, the escalation model both called (the local model is free).
    public func maximumCost(of ticket: TicketText) -> Double? {
        guard let first = claude.maximumCost(of: ticket) else { return nil }
        guard let escalation else { return first }
        return escalation.maximumCost(of: ticket).map { first + $0 }
    }
}
