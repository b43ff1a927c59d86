public import ArgumentParser
import Foundation
import O1CoderCore
import Reasoning
import RunStorage
public import TrainingData

extension ProcessDataExporter.LabelRule: ExpressibleByArgument {}
extension ProcessDataFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export process data from a search run as JSONL for TRL, OpenRLHF or verl.",
        discussion: """
            sft: correct full traces (re-verified on all tests) as chat messages.
            prm: per path, the steps with soft values (Q/N; raw reward for code steps) and hard labels \
            (value ≥ --label-threshold; a code step is good only if it passes every test).
            prm-pairs: sibling steps whose values differ by ≥ --margin, both visited ≥ --min-visits times.
            dpo: prompt with a chosen trace that passes every test and a rejected one verified to fail, reward gap ≥ --margin.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Run id.") var runID: Int64
    @Option(help: "Output format.") var format: ProcessDataFormat
    @Option(help: ArgumentHelp("Output JSONL file.", valueName: "path")) var out: String
    @Option(help: "Hard-label threshold for PRM step values.") var labelThreshold: Double = 0.5
    @Option(help: "PRM labels: hard (value ≥ threshold), math-shepherd (value > 0) or soft (values are the targets).")
    var prmLabels: ProcessDataExporter.LabelRule = .hard
    @Option(help: "Minimum value gap for pairs.") var margin: Double = 0.2
    @Option(help: "Minimum visits of both siblings in a PRM pair.") var minVisits: Int = 1
    @Option(help: "Few-shot examples in the exported prompts (0 = zero-shot, the usual choice for SFT).")
    var fewShot: Int = 0

    func run() throws {
        let store = try storeOptions.open()
        _ = try storeOptions.run(runID, in: store)
        let exporter = ProcessDataExporter(
            labelThreshold: labelThreshold, labelRule: prmLabels, pairMargin: margin, minimumVisits: minVisits)
        let prompts = PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: fewShot)
        let (lines, count) = try exporter.export(run: runID, from: store, format: format, prompts: prompts)
        try JSONLEncoding.writeAtomically(lines, to: out)
        StandardError.write("wrote \(count) \(format.rawValue) records to \(out)")
        print(out)
    }
}
