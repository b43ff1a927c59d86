/// The upstream MBPP split convention (google-research `mbpp/README.md`), by task id.
public enum MBPPSplit: String, Sendable, Hashable, CaseIterable, Codable {
    /// Tasks 1–10: few-shot prompt examples.
    case prompt
    /// Tasks 11–510: the evaluation split (500 problems).
    case test
    /// Tasks 511–600.
    case validation
    /// Tasks 601–974.
    case train

    /// The split a task id belongs to (`nil` outside 1–974).
    public init?(taskID: Int) {
        switch taskID {
        case 1...10: self = .prompt
        case 11...510: self = .test
        case 511...600: self = .validation
        case 601...974: self = .train
        default: return nil
        }
    }

    /// The task ids of the split.
    public var taskIDs: ClosedRange<Int> {
        switch self {
        case .prompt: 1...10
        case .test: 11...510
        case .validation: 511...600
        case .train: 601...974
        }
    }
}
