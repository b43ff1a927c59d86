public import O1CoderCore

/// The test schema the field's training engines and sandbox services share (TACO's
/// `input_output`, verl's code `ground_truth`, SandboxFusion): `{"inputs": [...], "outputs":
/// [...], "fn_name"?: "..."}`. With `fn_name`, each input is the argument list of one call and each
/// output the expected return value wrapped in a one-element list (TACO's convention, also
/// accepted unwrapped); without it, inputs and outputs are stdin and expected stdout, each a
/// string or a list of lines.
public struct GroundTruth: Sendable, Hashable {
    public var inputs: [JSONValue]
    public var outputs: [JSONValue]
    /// The function each call test calls; nil for stdin/stdout tests.
    public var functionName: String?

    public init(inputs: [JSONValue], outputs: [JSONValue], functionName: String? = nil) {
        self.inputs = inputs
        self.outputs = outputs
        self.functionName = functionName
    }

    /// Reads the schema from an object (callers holding verl's JSON string parse it first, as the
    /// loaders' `decodedField` and the service's request do).
    /// - Throws: a description of what is wrong, for the caller to attach to its file and line.
    public init(json value: JSONValue) throws(GroundTruthError) {
        guard case .object = value else { throw GroundTruthError("ground truth is not an object with 'inputs' and 'outputs'") }
        guard let inputs = value["inputs"]?.arrayValue, let outputs = value["outputs"]?.arrayValue else {
            throw GroundTruthError("ground truth needs 'inputs' and 'outputs' lists")
        }
        guard inputs.count == outputs.count else {
            throw GroundTruthError("ground truth has \(inputs.count) inputs but \(outputs.count) outputs")
        }
        self.init(inputs: inputs, outputs: outputs, functionName: value["fn_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The tests in the harness's representation.
    public func suite() throws(GroundTruthError) -> TestSuite {
        var cases: [TestCase] = []
        for (input, output) in zip(inputs, outputs) {
            if functionName != nil {
                let arguments: JSONValue = input.arrayValue != nil ? input : .array([input])
                cases.append(.call(arguments: arguments.jsonText, expected: .jsonWrapped(output.jsonText)))
            } else {
                guard let stdin = Self.joinedText(input), let stdout = Self.joinedText(output) else {
                    throw GroundTruthError("a stdin/stdout test is neither a string nor a list of strings")
                }
                cases.append(.standardIO(input: stdin, expectedOutput: stdout))
            }
        }
        return TestSuite(cases: cases)
    }

    /// How a program under these tests is run.
    public var style: TaskStyle { functionName.map { .function(entryPoint: $0) } ?? .standardIO }

    /// The schema as a JSON object (`fn_name` only when there is one).
    public var jsonValue: JSONValue {
        var members = [JSONValue.Member(key: "inputs", value: .array(inputs)), .init(key: "outputs", value: .array(outputs))]
        if let functionName { members.append(.init(key: "fn_name", value: .string(functionName))) }
        return .object(members)
    }

    /// A string, or a list of strings joined with newlines.
    static func joinedText(_ value: JSONValue) -> String? {
        if let s = value.stringValue { return s }
        guard let items = value.arrayValue else { return nil }
        var lines: [String] = []
        for item in items {
            guard let s = item.stringValue else { return nil }
            lines.append(s)
        }
        return lines.joined(separator: "\n")
    }
}

/// What is wrong with a ground-truth value.
public struct GroundTruthError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
