public import Foundation
public import GRDB
public import O1CoderCore

/// One row of `run`: a search or sampling run with everything needed to reproduce it.
public struct RunRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: RunID?
    public var kind: RunKind
    public var status: RunStatus
    public var createdAt: Date
    /// The fully resolved configuration as canonical JSON (sorted keys).
    public var configuration: String
    /// Seeds are UInt64; SQLite stores Int64, so the bit pattern is kept.
    public var seed: Int64
    public var toolVersion: String
    public var modelName: String
    public var modelSHA256: String?
    public var datasetName: String
    public var datasetPath: String
    public var datasetSHA256: String?
    /// Where an experiment that lives in files keeps them (a sampling run's directory, a tests
    /// file, a ledger); nil for runs whose results are in this store.
    public var output: String?
    /// `host:pid` of the process that last marked the run running (``RunOwner``); nil in stores
    /// made before it was recorded.
    public var owner: String?

    public init(
        id: RunID? = nil, kind: RunKind, status: RunStatus, createdAt: Date, configuration: String, seed: Int64,
        toolVersion: String, modelName: String, modelSHA256: String?, datasetName: String, datasetPath: String,
        datasetSHA256: String?, output: String? = nil, owner: String? = nil
    ) {
        self.owner = owner
        self.id = id
        self.kind = kind
        self.status = status
        self.createdAt = createdAt
        self.configuration = configuration
        self.seed = seed
        self.toolVersion = toolVersion
        self.modelName = modelName
        self.modelSHA256 = modelSHA256
        self.datasetName = datasetName
        self.datasetPath = datasetPath
        self.datasetSHA256 = datasetSHA256
        self.output = output
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = RunID(inserted.rowID) }

    /// The status as `runs list` shows it: a run still marked running whose process is gone says
    /// so (killed, or its machine lost), instead of looking as if it were working.
    public var statusDescription: String {
        guard status == .running, let owner = owner.flatMap(RunOwner.init), owner.isGone else { return status.rawValue }
        return "stopped (process \(owner.pid) gone; resume it)"
    }
}

public enum RunStatus: String, Codable, Sendable, Hashable, DatabaseValueConvertible {
    case running, finished, interrupted
    /// Stopped by an error (a bad input, a tool failure); the command's message says which.
    case failed
}

/// What an experiment is: a search run (its trees are in the store) or one of the experiments
/// whose results live in files and that the store lists (``RunRecord/output``).
public enum RunKind: String, Codable, Sendable, Hashable, CaseIterable, DatabaseValueConvertible {
    case search
    case selfplaySearch = "selfplay-search"
    case sample
    case tcgGenerate = "tcg-generate"
    case tcgEval = "tcg-eval"
    case benchSearch = "bench-search"
    case selfplay
    case train

    /// Whether the run's problems and trees are in the store (else in ``RunRecord/output``).
    public var isStoredSearch: Bool { self == .search || self == .selfplaySearch }
}

/// One finished problem of a run. A row exists only once the problem's whole tree is stored.
public struct ProblemRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "problem"
    public var runId: RunID
    public var problemId: ProblemID
    /// The problem without its tests (a JSON column), so exports and reports do not need the
    /// dataset file.
    public var problem: Problem
    public var solved: Bool
    public var bestReward: Double
    public var rollouts: Int
    public var generatedTokens: Int
    public var promptTokensEvaluated: Int
    public var promptTokensReused: Int
    public var firstSolutionRollout: Int?
    public var stopReason: String
    public var seconds: Double
    public var finishedAt: Date

    public init(
        runId: RunID, problemId: ProblemID, problem: Problem, solved: Bool, bestReward: Double, rollouts: Int, generatedTokens: Int,
        promptTokensEvaluated: Int, promptTokensReused: Int, firstSolutionRollout: Int?, stopReason: String,
        seconds: Double, finishedAt: Date
    ) {
        self.runId = runId
        self.problemId = problemId
        self.problem = problem
        self.solved = solved
        self.bestReward = bestReward
        self.rollouts = rollouts
        self.generatedTokens = generatedTokens
        self.promptTokensEvaluated = promptTokensEvaluated
        self.promptTokensReused = promptTokensReused
        self.firstSolutionRollout = firstSolutionRollout
        self.stopReason = stopReason
        self.seconds = seconds
        self.finishedAt = finishedAt
    }
}

/// One search-tree node. `nodeIndex` is the arena index; the root (index 0) has no step.
public struct NodeRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "node"
    public var runId: RunID
    public var problemId: ProblemID
    public var nodeIndex: Int
    public var parentIndex: Int?
    public var depth: Int
    /// The reasoning action (structure / refine / code), nil for the root.
    public var action: ReasoningAction?
    public var text: String?
    public var visits: Int
    public var totalValue: Double
    public var reward: Double?
    public var prior: Double
    public var generatedTokens: Int
    public var logProb: Double?
    public var isTerminal: Bool
    public var createdInRollout: Int

    public init(
        runId: RunID, problemId: ProblemID, nodeIndex: Int, parentIndex: Int?, depth: Int, action: ReasoningAction?, text: String?,
        visits: Int, totalValue: Double, reward: Double?, prior: Double, generatedTokens: Int, logProb: Double?,
        isTerminal: Bool, createdInRollout: Int
    ) {
        self.runId = runId
        self.problemId = problemId
        self.nodeIndex = nodeIndex
        self.parentIndex = parentIndex
        self.depth = depth
        self.action = action
        self.text = text
        self.visits = visits
        self.totalValue = totalValue
        self.reward = reward
        self.prior = prior
        self.generatedTokens = generatedTokens
        self.logProb = logProb
        self.isTerminal = isTerminal
        self.createdInRollout = createdInRollout
    }

    /// Q/N, or the raw reward for terminals (spec D1).
    public var meanValue: Double {
        if isTerminal, let reward { return reward }
        return visits > 0 ? totalValue / Double(visits) : 0
    }
}

/// A sandbox execution of a terminal node's code: on the search tests or the full suite.
public struct ExecutionRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "execution"
    public var runId: RunID
    public var problemId: ProblemID
    public var nodeIndex: Int
    public var scope: ExecutionScope
    public var verdict: Verdict.Kind
    public var passRate: Double
    /// Per-test statuses (a JSON column).
    public var tests: [TestResult]
    public var code: String

    public init(
        runId: RunID, problemId: ProblemID, nodeIndex: Int, scope: ExecutionScope, verdict: Verdict.Kind, passRate: Double,
        tests: [TestResult], code: String
    ) {
        self.runId = runId
        self.problemId = problemId
        self.nodeIndex = nodeIndex
        self.scope = scope
        self.verdict = verdict
        self.passRate = passRate
        self.tests = tests
        self.code = code
    }
}

public enum ExecutionScope: String, Codable, Sendable, Hashable, DatabaseValueConvertible {
    /// The seeded subset of tests the search is rewarded with.
    case search
    /// Every test of the problem, to verify final answers.
    case full
}

extension Verdict.Kind: DatabaseValueConvertible {}

/// JSON columns (a problem, per-test results) are written with the project's one JSON encoding,
/// byte for byte what stores written before these columns were typed hold.
extension ProblemRecord {
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { JSONCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { JSONCoding.decoder() }
}

extension ExecutionRecord {
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { JSONCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { JSONCoding.decoder() }
}

// Identifiers and the step action are stored as their raw values (the columns of v1, unchanged).
extension RunID: DatabaseValueConvertible {}
extension ProblemID: DatabaseValueConvertible {}
extension ReasoningAction: DatabaseValueConvertible {}
