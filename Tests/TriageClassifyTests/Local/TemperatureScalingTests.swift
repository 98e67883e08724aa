import Foundation
import Testing
@testable import TriageClassify

@Suite("TemperatureScaling")
struct TemperatureScalingTests {
    /// Scores whose top label is right 70% of the time with a fixed margin: the fitted temperature must bring the
    /// mean confidence close to 0.7.
    @Test func fittedTemperatureMatchesConfidenceToAccuracy() {
        var scores: [[Double]] = []
        var truth: [Int] = []
        for index in 0..<100 {
            scores.append([5, 0, 0])
            truth.append(index % 10 < 7 ? 0 : 1 + index % 2)
        }
        let temperature = TemperatureScaling.fit(scores: scores, truth: truth)
        let confidence = LocalModel.softmax([5, 0, 0], temperature: temperature)[0]
        #expect(abs(confidence - 0.7) < 0.01, "confidence \(confidence) at temperature \(temperature)")
        let best = TemperatureScaling.negativeLogLikelihood(scores: scores, truth: truth, temperature: temperature)
        for other in [temperature * 0.5, temperature * 2, 1] {
            #expect(best <= TemperatureScaling.negativeLogLikelihood(scores: scores, truth: truth, temperature: other))
        }
    }

    @Test func noExamplesKeepsTemperatureOne() {
        #expect(TemperatureScaling.fit(scores: [], truth: []) == 1)
    }
}
