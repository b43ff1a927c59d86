/// What `o1coder export` writes: process data from a search run, or problems as an RL prompt
/// dataset (verl rows).
public enum ExportFormat: String, CaseIterable, Sendable {
    case sft, prm, dpo, verl, ppm
    case prmPairs = "prm-pairs"

    /// The process-data layout of a run export; nil for `verl`, which exports problems, not a run.
    public var processData: ProcessDataFormat? { ProcessDataFormat(rawValue: rawValue) }
}
