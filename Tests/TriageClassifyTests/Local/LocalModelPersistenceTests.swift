import Foundation
import Testing
import TriageModel
@testable import TriageClassify

@Suite("LocalModel persistence")
struct LocalModelPersistenceTests {
    static func model() throws -> LocalModel {
        try LocalModelTrainer.train(examples: TrainingTickets.training(),
                                    options: .init(hasher: FeatureHasher(hashBits: 12), trainedAt: Date(timeIntervalSince1970: 1_800_000_000)))
    }

    @Test func roundTripsThroughAFile() throws {
        let model = try Self.model()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("local-model-\(UUID().uuidString).ttlm")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try LocalModel.load(from: url)
        #expect(loaded.metadata == model.metadata)
        #expect(loaded.weights == model.weights)
        for ticket in TrainingTickets.heldOut() {
            #expect(loaded.predict(subject: ticket.subject, body: ticket.body) == model.predict(subject: ticket.subject, body: ticket.body))
        }
    }

    @Test func aFlippedByteIsReportedAsCorrupt() throws {
        var data = try Self.model().encoded()
        data[data.count / 2] ^= 0x40
        #expect(throws: LocalModelError.corrupt(path: "m.ttlm", reason: "checksum mismatch")) {
            try LocalModel(decoding: data, path: "m.ttlm")
        }
    }

    @Test func otherFilesAreNotModels() {
        #expect(throws: LocalModelError.notAModelFile(path: "x.json")) {
            try LocalModel(decoding: Data("{\"labels\": [\"a\", \"b\"], \"weights\": []}".utf8), path: "x.json")
        }
    }

    @Test func aNewerFormatVersionIsRefused() throws {
        var data = try Self.model().encoded()
        data[4] = 3
        #expect(throws: LocalModelError.unsupportedFormatVersion(path: "m.ttlm", found: 3, supported: 2)) {
            try LocalModel(decoding: data, path: "m.ttlm")
        }
    }

    /// A file of the previous format (complement naive Bayes, version 1) is refused with a message to retrain.
    @Test func aVersionOneFileAsksToRetrain() throws {
        var data = try Self.model().encoded()
        data[4] = 1
        let error = #expect(throws: LocalModelError.self) { try LocalModel(decoding: data, path: "old.model") }
        #expect(error == .unsupportedFormatVersion(path: "old.model", found: 1, supported: 2))
        #expect(error?.description.contains("retrain with `triage train`") == true)
    }

    @Test func aPriorityHeadRoundTrips() throws {
        let examples = TrainingTickets.training().enumerated().map { index, example in
            var example = example
            example.priority = index % 3 == 0 ? .urgent : .normal
            return example
        }
        let model = try LocalModelTrainer.train(examples: examples, options: .init(hasher: FeatureHasher(hashBits: 12)))
        #expect(model.metadata.priority?.labels == ["normal", "urgent"])
        #expect(model.priorityWeights.count == ((1 << 12) + 1) * 2)
        let loaded = try LocalModel(decoding: try model.encoded(), path: "m")
        #expect(loaded.priorityWeights == model.priorityWeights)
        #expect(loaded.idf == model.idf)
        let ticket = TrainingTickets.heldOut()[0]
        #expect(loaded.predict(subject: ticket.subject, body: ticket.body).priority != nil)
    }

    @Test func aTruncatedFileIsCorrupt() throws {
        let data = try Self.model().encoded()
        #expect(throws: LocalModelError.self) { try LocalModel(decoding: data.prefix(data.count - 100), path: "m") }
        #expect(throws: LocalModelError.self) { try LocalModel(decoding: data.prefix(10), path: "m") }
    }

    @Test func aMissingFileNamesItsPath() {
        let error = #expect(throws: LocalModelError.self) {
            try LocalModel.load(from: URL(fileURLWithPath: "/nonexistent/model.ttlm"))
        }
        #expect(error?.description.contains("/nonexistent/model.ttlm") == true)
    }
}
