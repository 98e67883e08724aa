import Foundation
import Testing
@testable import TriageClassify

@Suite("Evaluation")
struct EvaluationTests {
    /// A: 3 examples (2 right), B: 2 examples (1 right), C: predicted once wrongly.
    static let predictions = [
        Prediction(id: "1", truth: "A", predicted: "A", confidence: 0.95),
        Prediction(id: "2", truth: "A", predicted: "A", confidence: 0.85),
        Prediction(id: "3", truth: "A", predicted: "B", confidence: 0.55),
        Prediction(id: "4", truth: "B", predicted: "B", confidence: 0.91),
        Prediction(id: "5", truth: "B", predicted: "C", confidence: 0.42),
    ]

    @Test func metricsMatchAHandComputation() throws {
        let report = Evaluation.report(predictions: Self.predictions)
        #expect(report.count == 5)
        #expect(report.labels == ["A", "B", "C"])
        #expect(report.accuracy == 0.6)
        #expect(report.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 0]])
        let a = try #require(report.perLabel.first { $0.label == "A" })
        #expect(a.precision == 1 && abs(a.recall - 2.0 / 3) < 1e-12 && a.support == 3)
        let b = try #require(report.perLabel.first { $0.label == "B" })
        #expect(b.precision == 0.5 && b.recall == 0.5)
        // Macro-F1 averages labels with support (A: 0.8, B: 0.5); C has none.
        #expect(abs(report.macroF1 - 0.65) < 1e-12)
    }

    @Test func calibrationBucketsCountAndScore() throws {
        let report = Evaluation.report(predictions: Self.predictions, bucketCount: 5)
        #expect(report.calibration.map(\.count) == [0, 0, 2, 0, 3])
        let top = report.calibration[4]
        #expect(top.lower == 0.8 && top.upper == 1.0)
        #expect(abs(top.accuracy - 1) < 1e-12)
        #expect(abs(top.meanConfidence - (0.95 + 0.85 + 0.91) / 3) < 1e-12)
        let middle = report.calibration[2]
        #expect(middle.accuracy == 0 && abs(middle.meanConfidence - 0.485) < 1e-12)
        let expected = (3 * abs(1 - (0.95 + 0.85 + 0.91) / 3) + 2 * 0.485) / 5
        #expect(abs(report.expectedCalibrationError - expected) < 1e-12)
    }

    @Test func givenLabelsFixTheOrder() {
        let report = Evaluation.report(predictions: Self.predictions, labels: ["C", "B", "A", "D"])
        #expect(report.labels == ["C", "B", "A", "D"])
        #expect(report.confusion[2] == [0, 1, 2, 0])
    }

    @Test func jsonRoundTripsAndTextShowsTheHeadline() throws {
        let report = Evaluation.report(predictions: Self.predictions)
        let json = try report.renderJSON()
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: Data(json.utf8)) == report)
        let text = report.renderText()
        #expect(text.hasPrefix("examples: 5  accuracy: 60.0%  macro-F1: 0.650"))
        #expect(text.contains("#1 A"))
    }

    @Test func emptyInputGivesAnEmptyReport() {
        let report = Evaluation.report(predictions: [])
        #expect(report.count == 0 && report.accuracy == 0 && report.expectedCalibrationError == 0)
    }

    struct Item: Equatable { var id: String; var label: String }

    static let items: [Item] = (0..<100).map { Item(id: "t\($0)", label: $0 % 4 == 0 ? "rare" : "common") }

    @Test func splitIsStratifiedDisjointAndComplete() {
        let (train, test) = Evaluation.split(Self.items, testFraction: 0.2, id: \.id, label: \.label)
        #expect(test.filter { $0.label == "rare" }.count == 5)
        #expect(test.filter { $0.label == "common" }.count == 15)
        #expect(Set(train.map(\.id)).isDisjoint(with: test.map(\.id)))
        #expect(train.count + test.count == Self.items.count)
    }

    @Test func splitDoesNotDependOnOrderButOnTheSeed() {
        let (_, test) = Evaluation.split(Self.items, testFraction: 0.2, id: \.id, label: \.label)
        let (_, shuffled) = Evaluation.split(Array(Self.items.reversed()), testFraction: 0.2, id: \.id, label: \.label)
        #expect(Set(test.map(\.id)) == Set(shuffled.map(\.id)))
        let (_, reseeded) = Evaluation.split(Self.items, testFraction: 0.2, seed: 99, id: \.id, label: \.label)
        #expect(Set(test.map(\.id)) != Set(reseeded.map(\.id)))
    }
}

@Suite("Evaluation costs and latency")
struct EvaluationCostTests {
    @Test func costAndLatencyAreSummarized() throws {
        let predictions = (1...20).map { index in
            Prediction(id: "\(index)", truth: "A", predicted: "A", confidence: 0.9,
                       costUSD: index <= 10 ? 0.002 : nil, latencySeconds: Double(index) / 100)
        }
        let report = Evaluation.report(predictions: predictions)
        #expect(abs(try #require(report.costPer1000USD) - 1.0) < 1e-12)
        #expect(report.latencyMedianSeconds == 0.10)
        #expect(report.latencyP95Seconds == 0.19)
        #expect(report.renderText().contains("cost per 1,000 tickets: $1.0000"))
    }

    @Test func freeUnmeasuredPredictionsHaveNoCostOrLatency() {
        let report = Evaluation.report(predictions: [Prediction(id: "1", truth: "A", predicted: "B", confidence: 0.4)])
        #expect(report.costPer1000USD == nil && report.latencyMedianSeconds == nil && report.latencyP95Seconds == nil)
        #expect(!report.renderText().contains("cost per"))
    }

    @Test func aTrainedModelIsEvaluatedOnHeldOutTickets() throws {
        let model = try LocalModelTrainer.train(examples: TrainingTickets.training())
        let report = Evaluation.report(model: model, examples: TrainingTickets.heldOut())
        #expect(report.labels == model.labels)
        #expect(report.count == TrainingTickets.heldOut().count)
        #expect(report.macroF1 > 0.8)
    }
}

@Suite("EvaluationReport rendering")
struct EvaluationRenderingTests {
    @Test func textReportLayout() {
        let report = Evaluation.report(predictions: EvaluationTests.predictions, bucketCount: 5)
        let expected = """
            examples: 5  accuracy: 60.0%  macro-F1: 0.650  ECE: 0.252

            label  precision  recall     f1  support
            A          1.000   0.667  0.800        3
            B          0.500   0.500  0.500        2
            C          0.000   0.000  0.000        0

            confusion (rows: truth, columns: predicted)
                        #1  #2  #3
            #1 A         2   1   0
            #2 B         0   1   1
            #3 C         0   0   0

            calibration   count  accuracy  mean confidence
            0.4–0.6           2      0.0%            0.485
            0.8–1.0           3    100.0%            0.903

            """
        #expect(report.renderText() == expected)
    }
}
