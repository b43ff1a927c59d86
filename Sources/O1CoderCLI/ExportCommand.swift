public import ArgumentParser
import CommandOptions
import O1CoderCore
import Foundation
import Logging
import Reasoning
import Inference
import Models
import SelfPlay
import Training
public import TrainingData

extension ProcessDataExporter.LabelRule: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension VerlTests: ExpressibleByArgument {}

/// `o1coder export`: a run's process data (``ProcessDataExporter``) or problems as verl rows (``VerlExport``).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export process data from a search run as JSONL for TRL, OpenRLHF or verl.",
        discussion: """
            sft: correct full traces (re-verified on all tests) as chat messages.
            prm: per path, the steps with soft values (Q/N; raw reward for code steps) and hard labels \
            (value ≥ --label-threshold; a code step is good only if it passes every test).
            prm-pairs: sibling steps whose values differ by ≥ --margin, both visited ≥ --min-visits times.
            ppm: rStar-Math's pairs (prompt, pos, neg): per step the top-2 children by Q whose subtree reached a \
            verified-correct answer against the bottom-2 that reached only wrong ones, Q margin ≥ 0.5, steps differing \
            by ≥ 20 characters.
            dpo: prompt with a chosen trace that passes every test and a rejected one verified to fail, reward gap ≥ --margin.
            verl: problems (no run: --dataset, --path, --split, --limit) as verl's parquet rows (data_source, chat \
            prompt, ability, reward_model {style, ground_truth}, extra_info), which TRL and OpenRLHF read too; \
            .parquet through the training environment's pyarrow, .jsonl as is. Score them with \
            training/o1coder_reward.py against `o1coder serve`.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Run id (not for verl).") var runID: RunID?
    @Option(help: "Output format.") var format: ExportFormat
    @Option(help: ArgumentHelp("Output file (JSONL; verl: .parquet or .jsonl).", valueName: "path")) var out: String
    @OptionGroup var selection: DatasetSelectionOptions
    @Option(help: "verl: the tests in ground_truth: all (training data) or public (what the statement shows).")
    var groundTruth: VerlTests = .all
    @OptionGroup var sandboxOptions: SandboxOptions
    @Option(help: "Hard-label threshold for PRM step values.") var labelThreshold: Double = 0.5
    @Option(help: "PRM labels: hard (value ≥ threshold), math-shepherd (value > 0) or soft (values are the targets).")
    var prmLabels: ProcessDataExporter.LabelRule = .hard
    @Option(help: "Minimum value gap for pairs.") var margin: Double = 0.2
    @Option(help: "Minimum visits of both siblings in a PRM pair.") var minVisits: Int = 1
    @Option(help: "Few-shot examples in the exported prompts (0 = zero-shot, the usual choice for SFT).") var fewShot: Int = 0
    @Option(help: ArgumentHelp(
        "dpo: rank traces by φ at this step t (α = max(0.1, 1 − 0.01·t)) on the outcome and the steps' values, not by outcome alone.",
        valueName: "t"))
    var phiStep: Int?
    @Option(help: ArgumentHelp(
        "dpo with --phi-step: φ's process rewards are this PRM's step scores (o1coder train prm NAME), not the tree's values.",
        valueName: "name"))
    var prm: String?
    @Option(help: "CPU threads of the PRM.") var threads = 2

    func validate() throws {
        switch (format, runID) {
        case (.verl, .some): throw ValidationError("--format verl exports problems, not a run: drop the run id.")
        case (.verl, nil): break
        case (_, nil): throw ValidationError("--format \(format.rawValue) exports a search run: give its id.")
        default: break
        }
        if let phiStep {
            guard format == .dpo else { throw ValidationError("--phi-step ranks DPO pairs: it needs --format dpo.") }
            guard phiStep >= 0 else { throw ValidationError("--phi-step must be at least 0.") }
        }
        if prm != nil, phiStep == nil { throw ValidationError("--prm scores the steps for φ: it needs --format dpo --phi-step t.") }
    }

    func run() async throws {
        guard let runID, let format = format.processData else { return try await exportVerl() }
        let store = try storeOptions.open()
        _ = try storeOptions.searchRun(runID, in: store)
        var exporter = ProcessDataExporter(
            labelThreshold: labelThreshold, labelRule: prmLabels, pairMargin: margin, minimumVisits: minVisits)
        if let phiStep { exporter.dpoRanking = .aggregated(RewardAggregator(), step: phiStep) }
        let prompts = PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: fewShot)
        let lines: String
        let count: Int
        if let prm {
            let model = try await SelfPlayLoop.embeddedProcessRewardModels(
                store: .standard(), threads: threads, logger: CLILogger.make(verbose: false))(prm)
            (lines, count) = try await exporter.export(run: runID, from: store, format: format, prompts: prompts, processRewards: model)
        } else {
            (lines, count) = try exporter.export(run: runID, from: store, format: format, prompts: prompts)
        }
        try JSONLEncoding.writeAtomically(lines, to: out)
        StandardError.write("wrote \(count) \(format.rawValue) records to \(out)")
        print(out)
    }

    /// Problems as verl rows; EvalPlus suites are completed by the expected-output oracle first.
    func exportVerl() async throws {
        let loaded = try selection.loadFile()
        let problems = try await sandboxOptions.withSandbox(logger: Logger(label: "o1coder.sandbox")) { sandbox in
            try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
        }
        let (jsonl, count) = try VerlExport.jsonl(problems, tests: groundTruth)
        try await TrainingEnvironment.writeRows(jsonl, to: out)
        StandardError.write("wrote \(count) verl rows (\(groundTruth.rawValue) tests as ground truth) to \(out)")
        print(out)
    }
}
