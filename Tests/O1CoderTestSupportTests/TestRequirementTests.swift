import Foundation
import Inference
import Models
import Testing
@testable import O1CoderTestSupport

@Suite struct TestRequirementTests {
    static let present = TestRequirement(name: "present", location: "here", provider: .makeTest("step")) { true }
    static let missingInstalled = TestRequirement(name: "missing-installed", location: "/x", provider: .makeTest("step")) {
        false
    }
    static let missingElsewhere = TestRequirement(name: "missing-elsewhere", location: "/y", provider: .elsewhere("how")) {
        false
    }

    @Test("met requirements run the test, in CI or not")
    func met() async throws {
        #expect(try await TestRequirement.check([Self.present], isCI: false))
        #expect(try await TestRequirement.check([Self.present], isCI: true))
    }

    @Test("outside CI a missing requirement skips the test")
    func skipsOutsideCI() async throws {
        #expect(try await TestRequirement.check([Self.present, Self.missingInstalled], isCI: false) == false)
        #expect(try await TestRequirement.check([Self.missingElsewhere], isCI: false) == false)
    }

    @Test("in CI a missing requirement that make test installs fails; one it does not install skips")
    func failsInCI() async throws {
        await #expect(throws: MissingTestRequirement.self) {
            try await TestRequirement.check([Self.missingElsewhere, Self.missingInstalled], isCI: true)
        }
        let error = await #expect(throws: MissingTestRequirement.self) {
            try await TestRequirement.check([Self.missingInstalled], isCI: true)
        }
        #expect(error?.requirement.name == "missing-installed")
        #expect(error?.description.contains("CI=true") == true)
        #expect(try await TestRequirement.check([Self.missingElsewhere], isCI: true) == false)
    }

    @Test("CI is on for CI=true or 1 only", arguments: [
        (["CI": "true"], true), (["CI": "TRUE"], true), (["CI": "1"], true),
        (["CI": "false"], false), (["CI": ""], false), ([:], false),
    ])
    func ciDetection(environment: [String: String], expected: Bool) {
        #expect(TestEnvironment.isCI(environment) == expected)
    }

    static func script(_ name: String) throws -> String {
        try String(contentsOfFile: TestEnvironment.packageRoot + "/scripts/" + name, encoding: .utf8)
    }

    @Test("the test model is looked for under the file name scripts/setup-models.sh writes",
          .disabled(if: TestEnvironment.variable("O1CODER_TEST_MODEL") != nil, "O1CODER_TEST_MODEL overrides the path"))
    func testModelFileName() throws {
        // setup-models.sh: `fetch smollm2-135m-instruct q4_1 …` writes "$MODELS/$name-$version.gguf".
        let script = try Self.script("setup-models.sh")
        #expect(script.contains(#"local out="$MODELS/$name-$version.gguf""#))
        let fetch = try #require(script.firstMatch(of: #/fetch (smollm2-135m-instruct) (\S+) /#))
        let expected = TestEnvironment.cacheDirectory + "/models/\(fetch.1)-\(fetch.2).gguf"

        #expect(TestEnvironment.testModelPath == expected)
    }

    @Test("llama-server is looked for where scripts/setup-llama.sh installs it")
    func llamaServerLocation() throws {
        // setup-llama.sh: PREFIX="$O1CODER_CACHE/llama.cpp/llama-cpp-python-$VERSION", then $PREFIX/bin/llama-server.
        let script = try Self.script("setup-llama.sh")
        #expect(script.contains(#"PREFIX="$O1CODER_CACHE/llama.cpp/llama-cpp-python-$VERSION""#))
        #expect(script.contains(#""$PREFIX"/bin/llama-server"#))
        let version = try #require(script.firstMatch(of: #/\nVERSION=(\S+)\n/#)).1
        let installed = TestEnvironment.cacheDirectory + "/llama.cpp/llama-cpp-python-\(version)/bin/llama-server"

        #expect(TestEnvironment.llamaServerCandidates.contains(installed))
    }

    @Test("--model with the test model's reference resolves to the file the requirement checks", .requires(.testModel))
    func testModelReferenceResolves() throws {
        let spec = try ModelStore.standard().resolve(TestEnvironment.testModelReference)

        #expect(spec.basePath == TestEnvironment.testModelPath)
    }
}
