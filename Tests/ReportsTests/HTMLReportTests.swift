import O1CoderCore
import Foundation
import O1CoderTestSupport
import Reports
import Testing
import ChildProcesses

@Suite struct HTMLReportTests {
    static let report = TreeReport(
        title: "Run 1 <search>",
        summary: [.init("model", "smollm2 & co"), .init("solved", "1/1")],
        problems: [
            .init(
                id: "Mbpp/2", prompt: "Write a function.", solved: true, bestReward: 1, rollouts: 2, generatedTokens: 42,
                nodes: [
                    .init(index: 0, parent: nil, depth: 0, action: nil, text: nil, visits: 2, value: 0.5, reward: nil, isTerminal: false, verdicts: []),
                    .init(index: 1, parent: 0, depth: 1, action: .structure, text: "STRUCTURE-STEP-TEXT", visits: 2, value: 0.5, reward: nil, isTerminal: false, verdicts: []),
                    .init(index: 2, parent: 1, depth: 2, action: .code, text: "BEST-CODE print('</script>')", visits: 1, value: 1, reward: 1, isTerminal: true, verdicts: ["search: passed (3/3)"]),
                    .init(index: 3, parent: 1, depth: 2, action: .code, text: "WRONG-CODE", visits: 1, value: 0, reward: 0, isTerminal: true, verdicts: ["search: failed (0/3)"]),
                ])
        ])

    @Test("Escaping covers markup characters and quotes")
    func escaping() {
        #expect(HTMLEscaping.escape(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(HTMLEscaping.scriptSafeJSON(#"{"c":"</script><b>&"}"#) == #"{"c":"\u003c/script\u003e\u003cb\u003e\u0026"}"#)
    }

    @Test("The page is self-contained and code containing </script> cannot break out of the data block")
    func selfContained() throws {
        let html = try HTMLReport.render(Self.report)
        #expect(html.contains("Run 1 &lt;search&gt;"))
        #expect(html.contains("smollm2 &amp; co"))
        // Nothing is fetched: no stylesheet, script or image source, no CSS import; the only URL
        // is the SVG namespace, which is a name, not a request.
        for external in ["<link", "src=", "@import", "url("] { #expect(!html.contains(external), "\(external)") }
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http") == false)
        // Exactly the two script elements we emit end with </script>.
        #expect(html.components(separatedBy: "</script>").count == 3)
    }

    @Test(
        "A real headless browser draws the tree and shows the selected node's step text",
        .requires(.chromium),
        .timeLimit(.minutes(5)))
    func rendersInChromium() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.html")
        try HTMLReport.render(Self.report).write(to: file, atomically: true, encoding: .utf8)

        let data = try await TrustedProcess.run(
            try #require(TestEnvironment.chromiumPath),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.path)/profile",
                "--virtual-time-budget=2000", "--dump-dom", file.absoluteString,
            ])
        let dom = String(decoding: data, as: UTF8.self)

        #expect(dom.components(separatedBy: "<circle").count - 1 == 4)
        #expect(dom.components(separatedBy: "<line").count - 1 == 3)
        // The best terminal is selected on load: its step text and verdict are in the detail panel.
        #expect(dom.contains("class=\"step-text\">BEST-CODE print('&lt;/script&gt;')</pre>"))
        #expect(dom.contains("search: passed (3/3)"))
        #expect(dom.contains("class=\"node terminal selected\""))
    }
}
