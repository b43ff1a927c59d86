public import O1CoderCore
import Reasoning

/// Problems as verl rows (``VerlRow``) in canonical JSONL, zero-shot prompts: what
/// `o1coder export --format verl` writes (a `.parquet` file is converted from this JSONL).
public enum VerlExport {
    /// The JSONL of `problems`, one row each, with `tests` as the ground truth.
    /// - Returns: the text and the number of rows.
    public static func jsonl(_ problems: [Problem], tests: VerlTests) throws -> (text: String, count: Int) {
        let prompts = PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: 0)
        let rows = try problems.enumerated().map { index, problem in
            try VerlRow(problem: problem, index: index, prompts: prompts, tests: tests.suite(of: problem), testsName: tests.rawValue)
        }
        return (try JSONCoding.lines(rows), rows.count)
    }
}
