import Foundation
import GRDB
import O1CoderCore
@testable import RunStorage
import Testing

@Suite struct ExperimentRegistryTests {
    static func experiment(_ kind: RunKind, output: String) -> RunRecord {
        RunRecord(
            kind: kind, status: .running, createdAt: Date(timeIntervalSince1970: 1_700_000_000), configuration: "{}", seed: 7,
            toolVersion: "0.1.0", modelName: "m", modelSHA256: nil, datasetName: "mbpp", datasetPath: "/d", datasetSHA256: nil,
            output: output)
    }

    @Test("Registering the same kind and output again is the same entry, marked running; another kind or output is new")
    func idempotent() throws {
        let store = try RunStore.inMemory()
        let first = try store.register(Self.experiment(.sample, output: "/runs/a"))
        let id = try #require(first.id)
        try store.setStatus(.finished, run: id)
        #expect(try store.register(Self.experiment(.sample, output: "/runs/a")).id == id)
        #expect(try store.run(id)?.status == .running)
        #expect(try store.register(Self.experiment(.tcgGenerate, output: "/runs/a")).id != id)
        #expect(try store.register(Self.experiment(.sample, output: "/runs/b")).id != id)
        #expect(try store.runs().map(\.kind) == [.sample, .tcgGenerate, .sample])
    }

    @Test("A store made before the output column (v1 only) opens: its runs read with no output, and new ones list")
    func migratesV1() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runstore-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("runs.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try RunStore.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO run (kind, status, createdAt, configuration, seed, toolVersion, modelName, datasetName, datasetPath)
                    VALUES ('selfplay-search', 'finished', '2023-11-14 22:13:20.000', '{}', 1, '0.1.0', 'm', 'mbpp', '/d')
                    """)
            }
        }
        let store = try RunStore(path: path)
        let old = try #require(try store.runs().first)
        #expect(old.kind == .selfplaySearch && old.output == nil)
        #expect(try store.register(Self.experiment(.train, output: "/t")).output == "/t")
    }

    @Test("A run marked running whose process is gone says so; a live owner, another host or an old store's run shows its status")
    func goneOwner() throws {
        let store = try RunStore.inMemory()
        let here = ProcessInfo.processInfo.hostName
        // A pid above the kernel's maximum (2^22) belongs to no process.
        var dead = Self.experiment(.sample, output: "/runs/dead")
        dead.owner = RunOwner(host: here, pid: 99_999_999).description
        let deadRun = try store.register(dead)
        #expect(deadRun.statusDescription == "stopped (process 99999999 gone; resume it)")
        var elsewhere = Self.experiment(.sample, output: "/runs/elsewhere")
        elsewhere.owner = RunOwner(host: here + "-other", pid: 99_999_999).description
        #expect(try store.register(elsewhere).statusDescription == "running", "not known to be gone")
        #expect(try store.register(Self.experiment(.sample, output: "/runs/old")).owner == RunOwner.current.description)
        // Resuming gives the run a live owner again; a finished run is finished whoever owned it.
        let id = try #require(deadRun.id)
        try store.setStatus(.running, run: id)
        #expect(try store.run(id)?.owner == RunOwner.current.description)
        #expect(try store.run(id)?.statusDescription == "running")
        var legacy = dead
        legacy.owner = nil
        #expect(legacy.statusDescription == "running")
        try store.setStatus(.finished, run: id)
        var finished = try #require(try store.run(id))
        finished.owner = dead.owner
        #expect(finished.statusDescription == "finished")
        #expect(RunOwner("a:b:12") == RunOwner(host: "a:b", pid: 12))
        #expect(RunOwner("nohost") == nil && RunOwner("h:0") == nil)
    }
}
