internal import Datasets

/// The Python driver the expected-output oracle appends to a reference solution.
///
/// It reads a JSON list of argument lists on stdin, calls the entry point on a deep copy of each,
/// and writes one line per input to the *original* stdout: a marker then a JSON string holding
/// `repr(result)`, or JSON `null` when the call raised. The solution's own prints go to a
/// discarded buffer, so they cannot corrupt the protocol.
enum OracleDriver {
    static let marker = "\u{1}O1ORACLE "

    static func program(solution: String, entryPoint: String) -> String {
        """
        \(solution)

        def __o1coder_oracle_main():
            import copy, io, json, sys
            if hasattr(sys, "set_int_max_str_digits"):
                sys.set_int_max_str_digits(0)
            out = sys.stdout
            inputs = json.loads(sys.stdin.read())
            fn = globals()[\(pythonString(entryPoint))]
            for args in inputs:
                sys.stdout = io.StringIO()
                try:
                    line = json.dumps(repr(fn(*copy.deepcopy(args))))
                except BaseException:
                    line = "null"
                finally:
                    sys.stdout = out
                out.write(\(pythonString(marker)) + line + "\\n")
            out.flush()

        __o1coder_oracle_main()

        """
    }

    /// Parses the driver's stdout: one entry per marked line (nil for a raising call).
    static func parse(stdout: String) -> [String?] {
        var outputs: [String?] = []
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.hasPrefix(marker) else { continue }
            let payload = String(line.dropFirst(marker.count))
            if payload == "null" {
                outputs.append(nil)
            } else {
                outputs.append((try? JSONValue.parse(payload))?.stringValue)
            }
        }
        return outputs
    }

    /// A Python string literal for `s` (JSON string syntax is valid Python for these inputs).
    static func pythonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
