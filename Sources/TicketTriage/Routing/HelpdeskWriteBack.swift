import Foundation
import HelpdeskAPI
import TriageNetwork
import TriageStore

/// Delivers outbox rows of kind `helpdesk`: each is one rule firing's write into a help desk ticket, applied
/// through the vendor's `HelpdeskWriter` with the row's idempotency key.
///
/// Exactly once per firing: the row is committed with the firing (once per content version), stays until a write
/// succeeded, and the writer marks its internal note with the key, so a retry after an answer that was lost finds
/// the note and writes nothing again. An agent's concurrent edit is never overwritten (Zendesk `safe_update`;
/// a 409 is re-read and retried by the writer, then by the outbox after its backoff, then given up).
public struct HelpdeskWriteBack: Sendable {
    /// The writer for a vendor (`zendesk`, `freshdesk`, `jsm`); throws when that help desk is not configured.
    public var writer: @Sendable (String) throws -> any HelpdeskWriter

    public init(writer: @escaping @Sendable (String) throws -> any HelpdeskWriter) {
        self.writer = writer
    }

    /// Writers built from `triage.yml`'s `helpdesk:` section and the environment, as `triage sync` builds its
    /// clients (credentials never leave the `Authorization` header).
    public static func configured(settings: HelpdeskSettings, environment: [String: String],
                                  transport: any HTTPTransport = CurlTransport(), clock: HelpdeskClock = .live,
                                  configFile: String = "triage.yml") -> HelpdeskWriteBack {
        HelpdeskWriteBack { vendor in
            try settings.writer(vendor, environment: environment, transport: transport, clock: clock, configFile: configFile)
        }
    }

    /// What one attempt at a row did.
    enum Attempt {
        case delivered
        /// Not tried: the help desk is not configured (the row waits, no attempt counted).
        case waiting(String)
        case failed(String, retryable: Bool, unreachable: Bool)
    }

    func attempt(_ item: OutboxItem) async -> Attempt {
        guard let target = HelpdeskTarget(target: item.target) else {
            return .failed("invalid help desk target \"\(item.target.prefix(60))\" (expected VENDOR:TICKET)",
                           retryable: false, unreachable: false)
        }
        guard let update = HelpdeskTarget.decode(item.body) else {
            return .failed("unreadable help desk write for \(target) (the outbox body is not an update)",
                           retryable: false, unreachable: false)
        }
        let writer: any HelpdeskWriter
        do {
            writer = try self.writer(target.vendor)
        } catch {
            return .waiting("\(target): write-back waits for a \(target.vendor) connection: \(error)")
        }
        do {
            _ = try await writer.apply(update, to: target.ticketID, key: item.idempotencyKey)
            return .delivered
        } catch let error as HelpdeskError {
            let text = "\(target): \(error)"
            switch error {
            case let .status(_, _, status, _):
                return .failed(text, retryable: DeliveryPolicy.isRetryable(status: status), unreachable: false)
            case .conflict:
                return .failed(text + "; an agent changed the ticket meanwhile: tried again after the backoff, never overwriting the agent's edit",
                               retryable: true, unreachable: false)
            case .rateLimited:
                return .failed(text, retryable: true, unreachable: true)
            case let .unavailable(_, _, _, underlying):
                // Only a refused connection (the help desk is down) holds back the vendor's other rows.
                return .failed(text, retryable: true, unreachable: underlying.hasPrefix("could not connect"))
            case .unauthorized, .malformed, .badCursor:
                return .failed(text, retryable: false, unreachable: false)
            }
        } catch {
            return .failed("\(target): \(error)", retryable: true, unreachable: false)
        }
    }
}

extension HelpdeskSettings {
    /// The write-back client for `vendor`, configured exactly as `source(_:…)` configures the puller.
    public func writer(_ vendor: String, environment: [String: String], transport: any HTTPTransport,
                       clock: HelpdeskClock = .live, configFile: String = "triage.yml") throws -> any HelpdeskWriter {
        let client = try source(vendor, environment: environment, transport: transport, clock: clock, configFile: configFile)
        guard let writer = client as? any HelpdeskWriter else {
            throw ConfigurationError(file: configFile, message: "\(vendor) has no write-back client")
        }
        return writer
    }
}
