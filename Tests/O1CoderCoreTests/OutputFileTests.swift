import Foundation
import O1CoderCore
import Testing

@Suite struct OutputFileTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-outputfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("A bare file name lives in '.', a root file in '/'", arguments: [
        ("results.jsonl", "."), ("./results.jsonl", "."), ("out/results.jsonl", "out"), ("a/b/c.json", "a/b"),
        ("/results.jsonl", "/"), ("/tmp/x/r.jsonl", "/tmp/x"), ("../r.jsonl", ".."), ("out/", "."),
    ])
    func directory(path: String, expected: String) {
        #expect(OutputFile.directory(of: path) == expected)
    }

    @Test("Writing creates missing directories, replaces an existing file and leaves no temporary file")
    func writeAndReplace() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/nested/deeper/results.jsonl"

        try OutputFile.write("first\n", to: path)
        let first = try String(contentsOfFile: path, encoding: .utf8)
        try OutputFile.write("second\n", to: path)

        #expect(first == "first\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/nested/deeper") == ["results.jsonl"])
    }

    @Test("A parent that is a file is a clear error, and the file is untouched")
    func parentIsAFile() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try OutputFile.write("keep", to: root + "/plain")

        #expect { try OutputFile.write("x", to: root + "/plain/results.jsonl") } throws: { error in
            "\(error)".contains("Cannot write '\(root)/plain/results.jsonl'")
        }
        #expect(try String(contentsOfFile: root + "/plain", encoding: .utf8) == "keep")
    }

    @Test("A path naming no file is refused", arguments: ["", "out/"])
    func noFileName(path: String) {
        #expect(throws: OutputFileError.self) { try OutputFile.write("x", to: path) }
    }
}
