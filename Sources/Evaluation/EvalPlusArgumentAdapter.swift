import O1CoderCore
public import Datasets

/// The Python side of ``EvalPlusInputConversion``: a converter function for the oracle's driver,
/// and the setup code that makes a suite's `.call` tests pass converted arguments.
///
/// `.call` tests carry their arguments as JSON, which the harness decodes with `json.loads`; the
/// setup code (run after the program, in its namespace) therefore wraps the entry point so that
/// the JSON lists are converted before the program's function sees them. During a call the
/// original function is put back under its name, so recursive calls and helpers reach it
/// directly and never convert twice.
public enum EvalPlusArgumentAdapter {
    /// `def <name>(args): …` returning the converted argument list.
    static func converter(_ conversion: EvalPlusInputConversion, name: String) -> String {
        "def \(name)(args):\n    args = list(args)\n" + body(conversion).map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    private static func body(_ conversion: EvalPlusInputConversion) -> [String] {
        switch conversion {
        case .none: ["return args"]
        case .argumentsToTuples: ["return [tuple(a) for a in args]"]
        case .argumentElementsToTuples: ["return [[tuple(x) for x in a] for a in args]"]
        case .firstArgumentElementsToTuples: ["return [[tuple(x) for x in args[0]]] + args[1:]"]
        case .secondArgumentToTuple: ["return [args[0], tuple(args[1])] + args[2:]"]
        case .firstArgumentToTuple: ["return [tuple(args[0])] + args[1:]"]
        case .argumentsToTuplesOfTuples: ["return [tuple(tuple(x) for x in a) for a in args]"]
        case .firstArgumentToMixedTuple: ["return [tuple(tuple(x) if isinstance(x, list) else x for x in args[0])]"]
        case .firstArgumentValuesToTuples: ["return [{k: tuple(v) for k, v in args[0].items()}] + args[1:]"]
        case .floatAndComplex: ["return [float(args[0]), complex(args[1])]"]
        case .complexArgument: ["return [complex(args[0])]"]
        case .allListsToTuples:
            [
                "def deep(x):",
                "    return tuple(deep(i) for i in x) if isinstance(x, list) else x",
                "return [deep(a) for a in args]",
            ]
        case .firstArgumentElementsToSets: ["return [[set(x) if isinstance(x, list) and len(x) else {} for x in args[0]]]"]
        }
    }

    /// Setup code for a suite whose `.call` arguments need `conversion`; empty for `.none`.
    public static func entryPointWrapper(_ conversion: EvalPlusInputConversion, entryPoint: String) -> String {
        guard conversion != .none else { return "" }
        let name = Quoting.python(entryPoint)
        return converter(conversion, name: "__o1coder_convert") + """
            def __o1coder_wrap(name):
                ns = globals()
                original = ns.get(name)
                if not callable(original) or isinstance(original, type):
                    return
                def entry(*args):
                    ns[name] = original
                    try:
                        return original(*__o1coder_convert(args))
                    finally:
                        ns[name] = entry
                ns[name] = entry
            __o1coder_wrap(\(name))

            """
    }
}
