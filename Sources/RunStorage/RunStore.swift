import Foundation
import GRDB
public import O1CoderCore

/// The SQLite store of runs, problems, search trees and executions.
///
/// Resumability: a problem's tree, executions and summary are written in one transaction when
/// the problem finishes, so a run killed at any moment (even `kill -9`) holds only whole
/// problems; resuming skips them and searches the rest. GRDB serialises access.
public struct RunStore: Sendable {
    let writer: any DatabaseWriter

    /// Opens (or creates) the store at `path`, in WAL mode.
    public init(path: String) throws {
        do {
            try OutputFile.createParentDirectories(of: path)
            // Other processes may use the same store (`runs list` during a search, a resumed
            // run after a killed one): wait for a lock instead of failing at once.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw RunStoreError.cannotOpen(path: path, reason: "\(error)")
        }
        try Self.migrator.migrate(writer)
    }

    /// An in-memory store, for tests.
    public static func inMemory() throws -> RunStore { try RunStore(writer: DatabaseQueue()) }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("status", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("configuration", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("toolVersion", .text).notNull()
                t.column("modelName", .text).notNull()
                t.column("modelSHA256", .text)
                t.column("datasetName", .text).notNull()
                t.column("datasetPath", .text).notNull()
                t.column("datasetSHA256", .text)
            }
            try db.create(table: "problem") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("problemId", .text).notNull()
                t.column("problem", .text).notNull()
                t.column("solved", .boolean).notNull()
                t.column("bestReward", .double).notNull()
                t.column("rollouts", .integer).notNull()
                t.column("generatedTokens", .integer).notNull()
                t.column("promptTokensEvaluated", .integer).notNull()
                t.column("promptTokensReused", .integer).notNull()
                t.column("firstSolutionRollout", .integer)
                t.column("stopReason", .text).notNull()
                t.column("seconds", .double).notNull()
                t.column("finishedAt", .datetime).notNull()
                t.primaryKey(["runId", "problemId"])
            }
            try db.create(table: "node") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("problemId", .text).notNull()
                t.column("nodeIndex", .integer).notNull()
                t.column("parentIndex", .integer)
                t.column("depth", .integer).notNull()
                t.column("action", .text)
                t.column("text", .text)
                t.column("visits", .integer).notNull()
                t.column("totalValue", .double).notNull()
                t.column("reward", .double)
                t.column("prior", .double).notNull()
                t.column("generatedTokens", .integer).notNull()
                t.column("logProb", .double)
                t.column("isTerminal", .boolean).notNull()
                t.column("createdInRollout", .integer).notNull()
                t.primaryKey(["runId", "problemId", "nodeIndex"])
            }
            try db.create(table: "execution") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("problemId", .text).notNull()
                t.column("nodeIndex", .integer).notNull()
                t.column("scope", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("passRate", .double).notNull()
                t.column("tests", .text).notNull()
                t.column("code", .text).notNull()
                t.primaryKey(["runId", "problemId", "nodeIndex", "scope"])
            }
        }
        m.registerMigration("v2-output") { db in
            try db.alter(table: "run") { t in t.add(column: "output", .text) }
        }
        m.registerMigration("v3-owner") { db in
            try db.alter(table: "run") { t in t.add(column: "owner", .text) }
        }
        return m
    }

    // MARK: Runs

    /// Inserts a run and returns it with its id.
    public func createRun(_ run: RunRecord) throws -> RunRecord {
        try writer.write { db in
            var r = run
            try r.insert(db)
            return r
        }
    }

    /// Lists an experiment that keeps its results in files: a new record, or, when one of the same
    /// kind and output exists (a resumed or extended experiment), that one marked running again.
    public func register(_ experiment: RunRecord) throws -> RunRecord {
        try writer.write { db in
            if let output = experiment.output,
                var existing = try RunRecord.filter(Column("kind") == experiment.kind && Column("output") == output).fetchOne(db)
            {
                existing.status = .running
                existing.owner = experiment.owner ?? RunOwner.current.description
                try existing.update(db)
                return existing
            }
            var r = experiment
            r.owner = r.owner ?? RunOwner.current.description
            try r.insert(db)
            return r
        }
    }

    public func run(_ id: RunID) throws -> RunRecord? {
        try writer.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    public func runs() throws -> [RunRecord] {
        try writer.read { db in try RunRecord.order(Column("id")).fetchAll(db) }
    }

    public func setStatus(_ status: RunStatus, run id: RunID) throws {
        try writer.write { db in
            if status == .running {
                // Whoever marks a run running owns it from now (a resumed run has a new process).
                try db.execute(
                    sql: "UPDATE run SET status = ?, owner = ? WHERE id = ?", arguments: [status.rawValue, RunOwner.current.description, id])
            } else {
                try db.execute(sql: "UPDATE run SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            }
        }
    }

    // MARK: Problems

    /// Ids of the problems of `run` that are finished (and must never be searched again).
    public func finishedProblemIDs(run id: RunID) throws -> Set<ProblemID> {
        try writer.read { db in
            Set(try ProblemID.fetchAll(db, sql: "SELECT problemId FROM problem WHERE runId = ?", arguments: [id]))
        }
    }

    /// Stores a finished problem atomically: its summary, every node and every execution.
    /// Storing the same problem twice is an error (a finished problem is never searched twice).
    public func saveFinishedProblem(_ problem: ProblemRecord, nodes: [NodeRecord], executions: [ExecutionRecord]) throws {
        try writer.write { db in
            if try ProblemRecord.exists(db, key: ["runId": problem.runId, "problemId": problem.problemId]) {
                throw RunStoreError.duplicateProblem(run: problem.runId, problem: problem.problemId)
            }
            // Leftovers of an interrupted attempt cannot exist (one transaction), but be strict.
            try db.execute(
                sql: "DELETE FROM node WHERE runId = ? AND problemId = ?", arguments: [problem.runId, problem.problemId])
            try db.execute(
                sql: "DELETE FROM execution WHERE runId = ? AND problemId = ?",
                arguments: [problem.runId, problem.problemId])
            for n in nodes { try n.insert(db) }
            for e in executions { try e.insert(db) }
            try problem.insert(db)
        }
    }

    public func problems(run id: RunID) throws -> [ProblemRecord] {
        try writer.read { db in
            try ProblemRecord.filter(Column("runId") == id).order(Column("finishedAt"), Column("problemId")).fetchAll(db)
        }
    }

    public func nodes(run id: RunID, problem: ProblemID) throws -> [NodeRecord] {
        try writer.read { db in
            try NodeRecord.filter(Column("runId") == id && Column("problemId") == problem)
                .order(Column("nodeIndex")).fetchAll(db)
        }
    }

    public func executions(run id: RunID, problem: ProblemID) throws -> [ExecutionRecord] {
        try writer.read { db in
            try ExecutionRecord.filter(Column("runId") == id && Column("problemId") == problem)
                .order(Column("nodeIndex"), Column("scope")).fetchAll(db)
        }
    }
}
