import Foundation

extension LocalModel {
    /// The model shipped with the product: trained on the project's sample tickets for the default departments
    /// (`triage-bench default-model` regenerates it), so `triage run --backend local` works before any training.
    /// A model trained on the team's own labelled tickets does better.
    public static let embeddedDefault: LocalModel = {
        guard let data = Data(base64Encoded: embeddedDefaultBase64, options: .ignoreUnknownCharacters),
              let model = try? LocalModel(decoding: data, path: "<built-in default model>") else {
            preconditionFailure("the built-in default model does not decode: regenerate it with `triage-bench default-model`")
        }
        return model
    }()
}
