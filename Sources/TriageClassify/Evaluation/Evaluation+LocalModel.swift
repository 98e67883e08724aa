extension Evaluation {
    /// The model's predictions for labelled examples (department and calibrated confidence).
    public static func predictions(of model: LocalModel, on examples: [LabeledText]) -> [Prediction] {
        examples.map { example in
            let prediction = model.predict(subject: example.subject, body: example.body)
            return Prediction(id: example.id, truth: example.department, predicted: prediction.department,
                              confidence: prediction.confidence)
        }
    }

    /// The report of `model` on held-out `examples`, with the model's labels as the confusion-matrix order.
    public static func report(model: LocalModel, examples: [LabeledText], bucketCount: Int = 10) -> EvaluationReport {
        report(predictions: predictions(of: model, on: examples), labels: model.labels, bucketCount: bucketCount)
    }
}
