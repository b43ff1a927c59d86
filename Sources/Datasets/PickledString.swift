/// Reads a pickle whose whole payload is one string (LiveCodeBench's private tests: a JSON text,
/// pickled, zlib-compressed, base64-encoded) without a general unpickler: only the opcodes that
/// a pickled `str` is made of are accepted (PROTO, FRAME, the three binary unicode forms, the
/// memo puts, STOP); anything else (a class, a reduce, a global) is refused, so untrusted bytes
/// can never run code here.
enum PickledString {
    static func decode(_ bytes: [UInt8]) throws(PickleRefusal) -> String {
        var i = 0
        var result: String?
        func take(_ n: Int) throws(PickleRefusal) -> ArraySlice<UInt8> {
            guard n >= 0, i + n <= bytes.count else { throw PickleRefusal("truncated at byte \(i)") }
            defer { i += n }
            return bytes[i..<(i + n)]
        }
        func length(_ n: Int) throws(PickleRefusal) -> Int {
            var value = 0
            for (shift, byte) in try take(n).enumerated() { value |= Int(byte) << (8 * shift) }
            return value
        }
        while i < bytes.count {
            let opcode = bytes[i]
            i += 1
            switch opcode {
            case 0x80: _ = try take(1)  // PROTO n
            case 0x95: _ = try take(8)  // FRAME length
            case 0x94: break  // MEMOIZE
            case 0x71: _ = try take(1)  // BINPUT (protocols 1–3 memoise with it)
            case 0x72: _ = try take(4)  // LONG_BINPUT
            case 0x8C, 0x58, 0x8D:  // SHORT_BINUNICODE, BINUNICODE, BINUNICODE8
                guard result == nil else { throw PickleRefusal("more than one value") }
                let count = try length(opcode == 0x8C ? 1 : opcode == 0x58 ? 4 : 8)
                guard let text = String(validating: try take(count), as: UTF8.self) else {
                    throw PickleRefusal("a string that is not UTF-8")
                }
                result = text
            case 0x2E:  // STOP
                guard let result, i == bytes.count else { throw PickleRefusal(i == bytes.count ? "no string before STOP" : "bytes after STOP") }
                return result
            default:
                throw PickleRefusal("opcode 0x\(String(opcode, radix: 16)) at byte \(i - 1) is not part of a pickled string")
            }
        }
        throw PickleRefusal("no STOP opcode")
    }
}

/// Why a pickle was refused.
struct PickleRefusal: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
