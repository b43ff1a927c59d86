import ArgumentParser
import CodeSearch
import Evaluation
import Foundation
import O1CoderCore
import RunStorage

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the runs in a store, or show one.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per run: id, kind, status, model, dataset, problems.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            for r in try store.runs() {
                let id = r.id ?? 0
                let problems = try store.problems(run: id)
                let solved = problems.filter(\.solved).count
                print("\(id)\t\(r.kind)\t\(r.status.rawValue)\t\(r.modelName)\t\(r.datasetName)\t\(solved)/\(problems.count) solved")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A run's summary, or its resolved configuration with --config.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Run id.") var runID: Int64
        @Flag(help: "Print the run's resolved configuration (JSON) so it can be re-run exactly.") var config = false

        func run() throws {
            let store = try storeOptions.open()
            let r = try storeOptions.run(runID, in: store)
            if config {
                print(r.configuration)
                return
            }
            let problems = try store.problems(run: runID)
            let solved = problems.filter(\.solved).count
            let tokens = problems.reduce(0) { $0 + $1.generatedTokens }
            let evaluated = problems.reduce(0) { $0 + $1.promptTokensEvaluated }
            let reused = problems.reduce(0) { $0 + $1.promptTokensReused }
            print("run \(runID) · \(r.kind) · \(r.status.rawValue) · created \(r.createdAt)")
            print("model \(r.modelName) sha256 \(r.modelSHA256 ?? "-")")
            print("dataset \(r.datasetName) \(r.datasetPath) sha256 \(r.datasetSHA256 ?? "-")")
            print("seed \(UInt64(bitPattern: r.seed)) · tool \(r.toolVersion)")
            print("problems \(problems.count) · solved \(solved) · generated tokens \(tokens) · prompt tokens evaluated \(evaluated), reused \(reused)")
            if let search = try? JSONDecoder().decode(SearchRunConfiguration.self, from: Data(r.configuration.utf8)) {
                let reward = search.rewardTests ?? .oracle
                print("reward tests \(reward.rawValue)\(reward == .oracle ? " (ORACLE: the reward saw the tests that decide solved)" : "")")
            }
            let firsts = problems.compactMap(\.firstSolutionRollout).sorted()
            if !firsts.isEmpty {
                print("rollouts to the first reward-1 answer: median \(firsts[firsts.count / 2]), mean \(String(format: "%.1f", Double(firsts.reduce(0, +)) / Double(firsts.count))) over \(firsts.count) problems")
            }
            let observations = try store.treePrefixObservations(run: runID).map {
                (problem: ProblemID($0.problem), prefix: PrefixID("n\($0.parentNode)"), passed: $0.passed)
            }
            let aspr = ASPR.compute(ASPRSamples(observations: observations))
            print("tree ASPR \(aspr.value.map { String(format: "%.1f", $0 * 100) } ?? "n/a") over \(aspr.problemsWithCorrectPrefix) problems with a correct prefix (prefix = the parent of verified code steps)")
        }
    }
}
