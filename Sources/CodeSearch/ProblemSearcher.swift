public import Execution
public import Inference
public import O1CoderCore
public import Reasoning
public import Search
public import TestGeneration
import Foundation

/// Searches one problem: MCTS over reasoning steps rewarded on the search tests, then the
/// verification of candidate answers on the problem's full test suite (D3).
public struct ProblemSearcher: Sendable {
    public let generator: StepGenerator
    public let sandbox: any Sandbox
    public let configuration: CodeSearchConfiguration
    /// The tests that reward the search (ground truth by default; TCG-generated on request).
    public let rewardTests: RewardTests
    /// The PRM behind `configuration.processReward`, when there is one.
    public let processRewards: (any ProcessRewardModel)?
    /// The bundled examples few-shot copying is measured against, whatever the prompts showed
    /// (as `sample` does, so runs with other examples compare), read once.
    let copyReference: FewShotLibrary?

    public init(
        generator: StepGenerator, sandbox: any Sandbox, configuration: CodeSearchConfiguration,
        rewardTests: RewardTests = .public, processRewards: (any ProcessRewardModel)? = nil
    ) {
        self.processRewards = processRewards
        self.generator = generator
        self.sandbox = sandbox
        self.configuration = configuration
        self.rewardTests = rewardTests
        copyReference = try? FewShotLibrary.bundled()
    }

    public func search(_ problem: Problem) async throws -> ProblemSearchResult {
        let start = ContinuousClock.now
        let log = ExecutionLog()
        let searchTests = rewardTests.suite(for: problem, configuration: configuration)
        let domain = CodeReasoningDomain(
            problem: problem, generator: generator, sandbox: sandbox, configuration: configuration,
            searchTests: searchTests, log: log, processRewards: processRewards)
        let outcome = try await MCTS(domain: domain, configuration: configuration.search).search()

        var searchReports: [NodeID: ProgramReport] = [:]
        var codes: [NodeID: String] = [:]
        for node in outcome.tree.terminals {
            guard let step = node.step, let code = CodeReasoningDomain.code(of: step, entryPoint: problem.entryPoint)
            else { continue }
            codes[node.id] = code
            if let report = log.report(for: code) { searchReports[node.id] = report }
        }
        // Verify every terminal that passed its search tests, and the final answer.
        let answer = outcome.best?.id
        var toVerify = Set(searchReports.filter { $0.value.verdict.isPassed }.map(\.key))
        if let answer, codes[answer] != nil { toVerify.insert(answer) }
        if rewardTests.verifiesEveryTerminal {
            // Every terminal gets both verdicts, to measure the reward against ground truth.
            toVerify.formUnion(codes.keys)
            for (id, code) in codes.sorted(by: { $0.key < $1.key }) where searchReports[id] == nil {
                let report = try await sandbox.evaluate(
                    solution: code, for: problem, suite: searchTests, limits: configuration.limits)
                searchReports[id] = report
            }
        }
        var fullReports: [NodeID: ProgramReport] = [:]
        var verifiedByCode: [String: ProgramReport] = [:]
        for id in toVerify.sorted() {
            guard let code = codes[id] else { continue }
            if let known = verifiedByCode[code] {
                fullReports[id] = known
                continue
            }
            let report = try await sandbox.evaluate(
                solution: code, for: problem, suite: problem.tests, limits: configuration.limits)
            verifiedByCode[code] = report
            fullReports[id] = report
        }
        let seconds = start.elapsedSeconds
        var result = ProblemSearchResult(
            problem: problem, outcome: outcome, codes: codes, searchReports: searchReports, fullReports: fullReports,
            answer: answer, usage: log.usage, unparsableSteps: log.unparsableSteps, seconds: seconds)
        let overlap = copyReference.map { FewShotOverlap(library: $0, problem: problem, examples: 2) }
            ?? FewShotOverlap(prompts: generator.prompts, problem: problem)
        let rates = outcome.tree.nodes.compactMap(\.step).map { overlap.rate($0.text) }
        result.fewShotOverlap = rates.isEmpty ? 0 : rates.reduce(0, +) / Double(rates.count)
        result.copiedSteps = rates.count { $0 >= FewShotOverlap.copiedThreshold }
        if rewardTests.verifiesEveryTerminal {
            result.rewardAgreement = RewardAgreement.matrix(
                codes: codes, searchReports: searchReports, fullReports: fullReports,
                rewardSuiteIsEmpty: searchTests.cases.isEmpty)
        }
        return result
    }
}

/// Everything one problem's search produced.
public struct ProblemSearchResult: Sendable {
    public var problem: Problem
    public var outcome: SearchOutcome<ReasoningStep>
    /// The program of each terminal node that has one.
    public var codes: [NodeID: String]
    /// Reports on the search tests, per terminal node.
    public var searchReports: [NodeID: ProgramReport]
    /// Reports on the full suite, for verified terminals.
    public var fullReports: [NodeID: ProgramReport]
    /// The final answer: the best terminal by search reward (earliest on ties).
    public var answer: NodeID?
    public var usage: TokenUsage
    public var unparsableSteps: Int
    public var seconds: Double
    /// Reward tests vs ground truth over the terminals (searches rewarded by generated tests).
    public var rewardAgreement: AgreementMatrix? = nil
    /// Mean share of a step's word 6-grams copied from the prompt's few-shot examples.
    public var fewShotOverlap: Double = 0
    /// Steps at least half copied from the few-shot examples.
    public var copiedSteps: Int = 0

    /// Whether the final answer passes every test of the problem.
    public var isSolved: Bool {
        guard let answer, let report = fullReports[answer] else { return false }
        return report.verdict.isPassed
    }
}
