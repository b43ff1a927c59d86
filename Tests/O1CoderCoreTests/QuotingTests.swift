import O1CoderCore
import Testing

@Suite struct QuotingTests {
    /// Expected values are CPython 3.11's `repr(s)` and `json.dumps(s, ensure_ascii=False)`.
    static let cases: [(text: String, python: String, json: String)] = [
        ("plain", "'plain'", "\"plain\""),
        ("it's", "\"it's\"", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'", "\"say \\\"hi\\\"\""),
        ("both ' and \"", "'both \\' and \"'", "\"both ' and \\\"\""),
        ("tab\tnew\nline\r", "'tab\\tnew\\nline\\r'", "\"tab\\tnew\\nline\\r\""),
        ("\u{0}\u{1F}\u{7F}", "'\\x00\\x1f\\x7f'", "\"\\u0000\\u001f\u{7F}\""),
        ("back\\slash", "'back\\\\slash'", "\"back\\\\slash\""),
        ("é ✓", "'é ✓'", "\"é ✓\""),
    ]

    @Test("Python literals are what repr writes; JSON literals what json.dumps writes", arguments: cases.indices)
    func quoting(_ i: Int) {
        let c = Self.cases[i]
        #expect(Quoting.python(c.text) == c.python)
        #expect(Quoting.json(c.text) == c.json)
    }
}
