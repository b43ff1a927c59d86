/// What `llama_decode` returned, as llama.h documents it.
enum DecodeStatus: Equatable, Sendable {
    /// The batch was decoded.
    case decoded
    /// No KV-cache slot for the batch (1): free cells and retry, or shrink the request.
    case noKVSlot
    /// The abort callback stopped the decode (2).
    case aborted
    /// Invalid input batch (-1) or an internal failure (below -1).
    case failed(Int32)

    init(_ status: Int32) {
        switch status {
        case 0: self = .decoded
        case 1: self = .noKVSlot
        case 2: self = .aborted
        default: self = .failed(status)
        }
    }

    /// For error messages: the raw status and its meaning.
    var description: String {
        switch self {
        case .decoded: "0 (decoded)"
        case .noKVSlot: "1 (no KV-cache slot)"
        case .aborted: "2 (aborted)"
        case .failed(let s): s == -1 ? "-1 (invalid input batch)" : "\(s) (internal failure)"
        }
    }
}
