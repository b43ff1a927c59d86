/// How an MBPP+ task's JSON inputs become the Python values its functions take.
///
/// JSON has no tuples, sets or complex numbers, so EvalPlus stores such arguments as lists (or
/// strings) and rebuilds them per task before calling anything (`mbpp_deserialize_inputs` in
/// evalplus `data/mbpp.py`). Without this, a reference run on a list where it expects a tuple can
/// raise (the input is lost) or return another value, and a model's correct answer is graded on
/// inputs of the wrong type. This is the same per-task table, reimplemented; the conversions apply
/// to one argument list at a time.
public enum EvalPlusInputConversion: String, Codable, Sendable, Hashable, CaseIterable {
    /// The JSON values are the arguments.
    case none
    /// Every argument (a list) becomes a tuple.
    case argumentsToTuples
    /// Every argument is a list of lists; each inner list becomes a tuple.
    case argumentElementsToTuples
    /// The first argument's elements (lists) become tuples; the others stay.
    case firstArgumentElementsToTuples
    /// The second argument becomes a tuple.
    case secondArgumentToTuple
    /// The first argument (a list) becomes a tuple; the others stay.
    case firstArgumentToTuple
    /// Each argument's elements become tuples, then each argument becomes a tuple (tuples of tuples).
    case argumentsToTuplesOfTuples
    /// The first argument becomes a tuple whose list elements become tuples (mixed elements stay).
    case firstArgumentToMixedTuple
    /// The values of the first argument (a dict) become tuples.
    case firstArgumentValuesToTuples
    /// A string and a string of a complex number become `float` and `complex`.
    case floatAndComplex
    /// The one argument becomes a `complex`.
    case complexArgument
    /// Every list at any depth becomes a tuple.
    case allListsToTuples
    /// The first argument's non-empty lists become sets; empty ones become `{}` (an empty dict,
    /// as EvalPlus writes it).
    case firstArgumentElementsToSets

    /// The conversion EvalPlus applies to MBPP+ task `Mbpp/<number>`.
    public static func mbppPlus(taskNumber: Int) -> EvalPlusInputConversion {
        switch taskNumber {
        case 2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809:
            .argumentsToTuples
        case 63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780:
            .argumentElementsToTuples
        case 75, 413, 444, 753: .firstArgumentElementsToTuples
        case 106, 750: .secondArgumentToTuple
        case 115: .firstArgumentElementsToSets
        case 124: .floatAndComplex
        case 250, 307, 405, 446, 617, 720, 763, 808: .firstArgumentToTuple
        case 259, 401, 445: .argumentsToTuplesOfTuples
        case 278: .firstArgumentToMixedTuple
        case 722: .firstArgumentValuesToTuples
        case 252: .complexArgument
        case 580, 615, 791: .allListsToTuples
        default: .none
        }
    }

    /// The conversion of an MBPP+ task id (`Mbpp/<number>`); `.none` for any other id.
    public static func mbppPlus(taskID: String) -> EvalPlusInputConversion {
        guard taskID.hasPrefix("Mbpp/"), let number = Int(taskID.dropFirst("Mbpp/".count)) else { return .none }
        return mbppPlus(taskNumber: number)
    }
}
