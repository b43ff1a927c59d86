import Foundation
public import O1CoderCore

extension TrainingPhase {
    /// Training steps on `reporter` (ETA and the loss); the other phases as a line of their own
    /// through `write`, when given.
    public func show(on reporter: ProgressReporter, write: ((String) -> Void)? = nil) {
        switch self {
        case .convertingBase: write?("[train] preparing the base model (converted once, then cached)")
        case .exporting: write?("[train] converting the adapter to GGUF")
        case .training(let step, let total, let loss):
            reporter.update(done: step, total: total, detail: loss.map { String(format: "loss %.4f", $0) } ?? "")
        }
    }
}
