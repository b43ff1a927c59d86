import Foundation
import O1CoderCore
import Testing

@Suite struct JSONLLedgerTests {
    struct Item: Codable, Sendable, Equatable { var id: Int }

    static func scratch() -> String { NSTemporaryDirectory() + "o1coder-ledger-\(UUID().uuidString)/items.jsonl" }

    @Test("Appends round-trip; a torn last line is cut off by records() and by repair(), so the next append starts clean")
    func tornLine() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let ledger = JSONLLedger<Item>(path: path)
        #expect(try ledger.records().isEmpty)
        try ledger.append(Item(id: 1))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"id\": 2".utf8))
        try handle.close()

        try ledger.repair()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"id\":1}\n")
        try ledger.repair()  // a clean file is left alone
        try ledger.append(Item(id: 3))
        #expect(try ledger.records() == [Item(id: 1), Item(id: 3)])
    }

    @Test("A broken line before the last names the file and line")
    func brokenLine() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "{\"id\":1}\nnot json\n{\"id\":3}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try JSONLLedger<Item>(path: path).records() } throws: { "\($0)".contains("items.jsonl:2:") }
    }
}
