public import Execution
public import Inference
public import O1CoderCore
public import Reasoning
public import Search
import Foundation

/// Searches one problem: MCTS over reasoning steps rewarded on the search tests, then the
/// verification of candidate answers on the problem's full test suite (D3).
public struct ProblemSearcher: Sendable {
    public let generator: StepGenerator
    public let sandbox: any Sandbox
    public let configuration: CodeSearchConfiguration

    public init(generator: StepGenerator, sandbox: any Sandbox, configuration: CodeSearchConfiguration) {
        self.generator = generator
        self.sandbox = sandbox
        self.configuration = configuration
    }

    public func search(_ problem: Problem) async throws -> ProblemSearchResult {
        let start = ContinuousClock.now
        let log = ExecutionLog()
        let searchTests = SearchTestSelection.subset(
            of: problem.tests, limit: configuration.searchTestLimit, seed: configuration.search.seed, problem: problem.id)
        let domain = CodeReasoningDomain(
            problem: problem, generator: generator, sandbox: sandbox, configuration: configuration,
            searchTests: searchTests, log: log)
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
        var fullReports: [NodeID: ProgramReport] = [:]
        var verifiedByCode: [String: ProgramReport] = [:]
        for id in toVerify.sorted() {
            guard let code = codes[id] else { continue }
            if let known = verifiedByCode[code] {
                fullReports[id] = known
                continue
            }
            let report = try await sandbox.evaluate(
                program: problem.program(fromSolutionCode: code), suite: problem.tests, entryPoint: problem.entryPoint,
                limits: configuration.limits)
            verifiedByCode[code] = report
            fullReports[id] = report
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return ProblemSearchResult(
            problem: problem, outcome: outcome, codes: codes, searchReports: searchReports, fullReports: fullReports,
            answer: answer, usage: log.usage, unparsableSteps: log.unparsableSteps, seconds: seconds)
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

    /// Whether the final answer passes every test of the problem.
    public var isSolved: Bool {
        guard let answer, let report = fullReports[answer] else { return false }
        return report.verdict.isPassed
    }
}
