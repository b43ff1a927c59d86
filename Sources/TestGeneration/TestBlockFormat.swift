/// The test-block format the TCG writes and reads (documented in docs/tcg.md).
///
/// One fenced block per test, as in the O1-CODER paper's Fig. 3, for both task styles:
///
///     ```case
///     # input:
///     add(2, 3)
///     # output:
///     5
///     ```
///
/// - Function tasks: the input is a call of the entry point with Python literal arguments (the
///   call makes the argument list unambiguous, e.g. `f([5])` vs `f(5)`); the output is the
///   Python literal the call returns.
/// - stdin/stdout tasks: the input is the exact standard input; the output the exact standard
///   output.
/// - Inputs-only mode: the `# output:` section is left out.
public enum TestBlockFormat {
    /// The fence info string of a test block.
    public static let fenceTag = "case"
    public static let inputMarker = "# input:"
    public static let outputMarker = "# output:"

    /// Renders one test as a block. `entryPoint` names the function for call inputs.
    public static func render(_ test: ProposedTest, entryPoint: String?, includeOutput: Bool = true) -> String {
        var lines = ["```" + fenceTag, inputMarker]
        switch test.input {
        case .arguments(let args):
            let name = entryPoint ?? "f"
            lines.append(name + "(" + args.map(\.pythonText).joined(separator: ", ") + ")")
        case .standardInput(let text):
            lines.append(StandardText.normalized(text))
        }
        if includeOutput, let output = test.output {
            lines.append(outputMarker)
            switch output {
            case .value(let value): lines.append(value.pythonText)
            case .standardOutput(let text): lines.append(StandardText.normalized(text))
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n")
    }

    /// Renders several tests, one block each, separated by blank lines.
    public static func render(_ tests: [ProposedTest], entryPoint: String?, includeOutput: Bool = true) -> String {
        tests.map { render($0, entryPoint: entryPoint, includeOutput: includeOutput) }.joined(separator: "\n\n")
    }
}
