/// Token ids already known for assistant texts under one chat head: what earlier prompts were
/// sent as, and what the model generated after them. A new prompt reuses the longest known
/// prefix (so text the model wrote goes back as the ids it wrote, not as a re-tokenization that
/// may merge differently across a step boundary) and only the rest is tokenized afresh.
///
/// A sequence is a list of chunks; a chunk's ids spell its text exactly and are reused whole or
/// not at all (one generated token, or one `/tokenize` answer). Matching is on UTF-8 bytes.
struct KnownTokenizations: Sendable {
    struct Chunk: Sendable, Hashable {
        var ids: [Int32]
        var text: String
    }

    /// The reused part of a prompt and the text still to tokenize.
    struct Match: Sendable, Hashable {
        var chunks: [Chunk]
        var remainder: String
        var ids: [Int32] { chunks.flatMap(\.ids) }
    }

    /// Sequences per head, oldest first.
    private var sequences: [String: [[Chunk]]] = [:]
    private var heads: [String] = []
    let maxHeads: Int
    let maxSequencesPerHead: Int

    init(maxHeads: Int = 64, maxSequencesPerHead: Int = 64) {
        self.maxHeads = max(1, maxHeads)
        self.maxSequencesPerHead = max(1, maxSequencesPerHead)
    }

    /// The longest known chunk prefix of `text` under `head`.
    func match(_ text: String, head: String) -> Match {
        let target = Array(text.utf8)
        var best: (chunks: [Chunk], bytes: Int) = ([], 0)
        for sequence in sequences[head] ?? [] {
            var bytes = 0
            var taken = 0
            for chunk in sequence {
                let piece = Array(chunk.text.utf8)
                guard !piece.isEmpty, bytes + piece.count <= target.count,
                      target[bytes..<(bytes + piece.count)].elementsEqual(piece)
                else { break }
                bytes += piece.count
                taken += 1
            }
            if bytes > best.bytes { best = (Array(sequence.prefix(taken)), bytes) }
        }
        return Match(chunks: best.chunks, remainder: String(decoding: target[best.bytes...], as: UTF8.self))
    }

    /// Remembers a full sequence (a prompt's chunks, then the generated tokens).
    mutating func remember(_ chunks: [Chunk], head: String) {
        guard !chunks.isEmpty else { return }
        if sequences[head] == nil {
            heads.append(head)
            if heads.count > maxHeads { sequences[heads.removeFirst()] = nil }
        }
        var list = sequences[head] ?? []
        list.removeAll { $0 == chunks }
        list.append(chunks)
        if list.count > maxSequencesPerHead { list.removeFirst(list.count - maxSequencesPerHead) }
        sequences[head] = list
    }

    /// The generated tokens as chunks, as far as their pieces spell a prefix of `text` (the
    /// returned text); without pieces, all ids as one chunk when there are any.
    static func generatedChunks(ids: [Int32], pieces: [String]?, text: String) -> [Chunk] {
        guard let pieces, pieces.count == ids.count else {
            return ids.isEmpty || text.isEmpty ? [] : [Chunk(ids: ids, text: text)]
        }
        let target = Array(text.utf8)
        var bytes = 0
        var chunks: [Chunk] = []
        for (id, piece) in zip(ids, pieces) {
            let p = Array(piece.utf8)
            guard !p.isEmpty, bytes + p.count <= target.count, target[bytes..<(bytes + p.count)].elementsEqual(p) else { break }
            bytes += p.count
            chunks.append(Chunk(ids: [id], text: piece))
        }
        return chunks
    }
}
