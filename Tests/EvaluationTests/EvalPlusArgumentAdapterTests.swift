import Datasets
import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import Evaluation

/// The MBPP+ input conversions, run for real: the entry-point wrapper the suite's setup installs
/// (emulating the harness: program, then setup, in one namespace; then a call with JSON arguments)
/// and the oracle's converter.
@Suite struct EvalPlusArgumentAdapterTests {
    /// Runs `program` + the wrapper for `conversion`, calls `f(*json.loads(arguments))`, returns its repr.
    static func call(_ program: String, _ conversion: EvalPlusInputConversion, arguments: String) async throws -> String {
        let script = program + "\n" + EvalPlusArgumentAdapter.entryPointWrapper(conversion, entryPoint: "f")
            + "\nimport json\nprint(repr(globals()['f'](*json.loads(\(Quoting.python(arguments))))))\n"
        let outcome = try await LocalPythonRunner.run(ExecutionRequest(program: script))
        #expect(outcome.isSuccess, "\(outcome.stderr)")
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("The program sees tuples, sets and complex numbers where EvalPlus gives them",
        .requires(.python3))
    func conversions() async throws {
        let types = "def f(*args):\n    return [type(a).__name__ for a in args]\n"
        #expect(try await Self.call(types, .argumentsToTuples, arguments: "[[1, 2], [3]]") == "['tuple', 'tuple']")
        #expect(try await Self.call(types, .none, arguments: "[[1, 2], [3]]") == "['list', 'list']")
        #expect(try await Self.call(types, .floatAndComplex, arguments: #"["2", "1j"]"#) == "['float', 'complex']")
        let inner = "def f(a, *rest):\n    return [type(x).__name__ for x in a] + [type(r).__name__ for r in rest]\n"
        #expect(try await Self.call(inner, .firstArgumentElementsToSets, arguments: "[[[1, 2], []]]") == "['set', 'dict']")
        #expect(try await Self.call(inner, .firstArgumentElementsToTuples, arguments: "[[[1], [2]], 5]") == "['tuple', 'tuple', 'int']")
        #expect(try await Self.call(inner, .firstArgumentToMixedTuple, arguments: "[[1, [2, 3]]]") == "['int', 'tuple']")
        let nested = "def f(a):\n    return a\n"
        #expect(try await Self.call(nested, .allListsToTuples, arguments: "[[4, [5, [6]]]]") == "(4, (5, (6,)))")
        #expect(try await Self.call(nested, .firstArgumentValuesToTuples, arguments: #"[{"a": [1, 2]}]"#) == "{'a': (1, 2)}")
    }

    @Test("Recursive calls reach the program's own function, unconverted",
        .requires(.python3))
    func recursion() async throws {
        // Converting again would call tuple() on an int and raise.
        let program = "def f(t):\n    if not isinstance(t, tuple):\n        return 1\n    return sum(f(x) for x in t)\n"
        #expect(try await Self.call(program, .argumentsToTuples, arguments: "[[7, 8, 9]]") == "3")
    }

    @Test("Every MBPP+ task in EvalPlus's table maps to its conversion; others to none")
    func table() {
        #expect(EvalPlusInputConversion.mbppPlus(taskID: "Mbpp/2") == .argumentsToTuples)
        #expect(EvalPlusInputConversion.mbppPlus(taskID: "Mbpp/124") == .floatAndComplex)
        #expect(EvalPlusInputConversion.mbppPlus(taskID: "Mbpp/252") == .complexArgument)
        #expect(EvalPlusInputConversion.mbppPlus(taskID: "Mbpp/791") == .allListsToTuples)
        #expect(EvalPlusInputConversion.mbppPlus(taskID: "Mbpp/3") == .none)
        #expect(EvalPlusInputConversion.mbppPlus(taskID: "HumanEval/2") == .none)
        #expect(EvalPlusArgumentAdapter.entryPointWrapper(.none, entryPoint: "f") == "")
    }
}

/// The conversions on the real MBPP+ file: unconverted, the references of these tasks raise on
/// (almost) every input, so the inputs would silently lose their tests.
@Suite struct MBPPPlusConversionOracleTests {
    static let mbppPlus: String? = {
        let env = ProcessInfo.processInfo.environment["O1CODER_SHARED_DATASETS"] ?? ""
        let root = env.isEmpty
            ? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets").path
            : env
        let path = root + "/evalplus/MbppPlus-v0.2.0.jsonl.gz"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    @Test("Mbpp/106, 124, 252, 580, 720: every input gets an expected output once converted",
        .requires(.python3, .sharedDataset("evalplus/MbppPlus-v0.2.0.jsonl.gz")))
    func realTasks() async throws {
        var loaded = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: try #require(Self.mbppPlus))
        let wanted: Set<String> = ["Mbpp/106", "Mbpp/124", "Mbpp/252", "Mbpp/580", "Mbpp/720"]
        loaded.problems = loaded.problems.filter { wanted.contains($0.id.rawValue) }
        let sandbox = ScriptedSandbox(run: { try await LocalPythonRunner.run($0) })
        let completion = try await ExpectedOutputOracle(sandbox: sandbox, cacheDirectory: nil).complete(loaded)
        #expect(completion.problems.count == 5)
        #expect(completion.skippedInputs == [:])
        #expect(completion.problems.allSatisfy { !$0.tests.setup.isEmpty && $0.tests.cases.count > 100 })
    }
}
