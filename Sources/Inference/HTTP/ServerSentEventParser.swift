/// Incremental parser for the `text/event-stream` bodies of streamed OpenAI responses.
///
/// Feed it bytes as they arrive; it returns the `data:` payload of each complete event (events
/// end at a blank line; several `data:` lines of one event are joined with `\n`). Comments
/// (`:` lines) and other fields (`event:`, `id:`, `retry:`) are ignored. The caller stops at the
/// `[DONE]` payload.
struct ServerSentEventParser: Sendable {
    private var buffer: [UInt8] = []
    private var dataLines: [String] = []

    init() {}

    /// Consumes `bytes` and returns the data payloads of the events they complete.
    mutating func consume(_ bytes: some Sequence<UInt8>) -> [String] {
        buffer.append(contentsOf: bytes)
        var events: [String] = []
        var lineStart = 0
        var index = 0
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "\n") {
                var line = buffer[lineStart..<index]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if let event = handleLine(String(decoding: line, as: UTF8.self)) { events.append(event) }
                lineStart = index + 1
            }
            index += 1
        }
        buffer.removeFirst(lineStart)
        return events
    }

    /// Ends the stream: an event not closed by a blank line is still delivered.
    mutating func finish() -> [String] {
        var events: [String] = []
        if !buffer.isEmpty {
            let line = String(decoding: buffer, as: UTF8.self)
            buffer.removeAll()
            if let event = handleLine(line) { events.append(event) }
        }
        if let event = handleLine("") { events.append(event) }
        return events
    }

    private mutating func handleLine(_ line: String) -> String? {
        if line.isEmpty {
            guard !dataLines.isEmpty else { return nil }
            defer { dataLines.removeAll() }
            return dataLines.joined(separator: "\n")
        }
        if line.hasPrefix(":") { return nil }
        guard line.hasPrefix("data:") else { return nil }
        var value = line.dropFirst(5)
        if value.first == " " { value = value.dropFirst() }
        dataLines.append(String(value))
        return nil
    }
}
