import O1CoderCore
internal import Datasets

/// The Python driver the expected-output oracle appends to a reference solution.
///
/// It reads a JSON list of argument lists on stdin, converts each (``EvalPlusInputConversion``),
/// calls the entry point on a deep copy under a per-input CPU-time limit (`ITIMER_PROF`), and
/// writes one line per input to the *original* stdout, flushed at once: a marker, then the JSON
/// array `[status, repr(result) or null, seconds]` with status `ok`, `raised` or `timeout`. The
/// solution's own prints go to a discarded buffer, so they cannot corrupt the protocol; a process
/// killed mid-batch leaves the lines of the inputs it finished.
enum OracleDriver {
    static let marker = "\u{1}O1ORACLE "

    /// One input's outcome as the driver reported it.
    struct Line: Sendable, Hashable {
        var status: OracleCache.Status
        var value: String?
        var seconds: Double
    }

    static func program(
        solution: String, entryPoint: String, conversion: EvalPlusInputConversion = .none, inputSeconds: Double = 10
    ) -> String {
        """
        \(solution)

        \(EvalPlusArgumentAdapter.converter(conversion, name: "__o1coder_convert"))
        def __o1coder_oracle_main():
            import copy, io, json, signal, sys, time
            if hasattr(sys, "set_int_max_str_digits"):
                sys.set_int_max_str_digits(0)
            class Limit(BaseException):
                pass
            def on_limit(signum, frame):
                raise Limit()
            signal.signal(signal.SIGPROF, on_limit)
            out = sys.stdout
            inputs = json.loads(sys.stdin.read())
            fn = globals()[\(Quoting.python(entryPoint))]
            for args in inputs:
                sys.stdout = io.StringIO()
                status, value = "ok", None
                start = time.perf_counter()
                try:
                    converted = __o1coder_convert(copy.deepcopy(args))
                    signal.setitimer(signal.ITIMER_PROF, \(inputSeconds))
                    try:
                        value = repr(fn(*converted))
                    finally:
                        signal.setitimer(signal.ITIMER_PROF, 0)
                except Limit:
                    status = "timeout"
                except BaseException:
                    status = "raised"
                finally:
                    sys.stdout = out
                seconds = time.perf_counter() - start
                out.write(\(Quoting.python(marker)) + json.dumps([status, value, round(seconds, 6)]) + "\\n")
                out.flush()

        __o1coder_oracle_main()

        """
    }

    /// Parses the driver's stdout: one entry per marked line, in input order. A torn last line
    /// (the process was killed while writing it) is dropped.
    static func parse(stdout: String) -> [Line] {
        var lines: [Line] = []
        for text in stdout.split(separator: "\n", omittingEmptySubsequences: true) {
            guard text.hasPrefix(marker),
                case .array(let fields)? = try? JSONValue.parse(String(text.dropFirst(marker.count))), fields.count == 3,
                let status = fields[0].stringValue.flatMap(OracleCache.Status.init(rawValue:))
            else { continue }
            lines.append(Line(status: status, value: fields[1].stringValue, seconds: fields[2].doubleValue ?? 0))
        }
        return lines
    }
}
