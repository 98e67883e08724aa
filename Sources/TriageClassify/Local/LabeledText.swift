import TriageModel

/// A ticket with its human department label: what the local model trains and is evaluated on.
public struct LabeledText: Sendable, Hashable, Codable {
    /// Stable identity (the store's ticket id as text); decides the train/test and calibration splits.
    public var id: String
    public var subject: String
    public var body: String
    public var department: String
    public var priority: Priority?

    public init(id: String, subject: String, body: String, department: String, priority: Priority? = nil) {
        self.id = id
        self.subject = subject
        self.body = body
        self.department = department
        self.priority = priority
    }
}
