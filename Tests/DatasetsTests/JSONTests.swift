import O1CoderCore
import Testing
@testable import Datasets

@Suite struct JSONValueTests {
    @Test("Numbers keep their literal spelling, including big ints and Python's NaN/Infinity")
    func numbersKeepSpelling() throws {
        let value = try JSONValue.parse("[12345678901234567890123, 1.50, -2e-7, NaN, -Infinity, Infinity]")
        #expect(value.jsonText == "[12345678901234567890123, 1.50, -2e-7, NaN, -Infinity, Infinity]")
        #expect(value.arrayValue?[1].doubleValue == 1.5)
    }

    @Test("Strings round-trip escapes, unicode and surrogate pairs; object order is kept")
    func stringsAndObjects() throws {
        let value = try JSONValue.parse(#"{"b": "a\"b\\c\n\u00e9\ud83d\ude00\t", "a": [true, false, null]}"#)
        #expect(value["b"]?.stringValue == "a\"b\\c\né😀\t")
        #expect(value.jsonText == #"{"b": "a\"b\\c\né😀\t", "a": [true, false, null]}"#)
        let reparsed = try JSONValue.parse(value.jsonText)
        #expect(reparsed == value)
    }

    @Test("Broken JSON reports the byte offset", arguments: ["{\"a\": }", "[1, 2", "\"abc", "{\"a\" 1}", "[1] x", "tru"])
    func brokenJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }
}

@Suite struct SHA256Tests {
    @Test("Known digests (FIPS 180-4 examples)")
    func knownDigests() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("Streaming in uneven chunks gives the same digest as one update")
    func streaming() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        hasher.update(Array(bytes[0..<3]))
        hasher.update(Array(bytes[3..<200]))
        hasher.update(Array(bytes[200...]))
        #expect(hasher.finalizeHex() == SHA256.hex(of: bytes))
    }
}

@Suite struct EntryPointFinderTests {
    @Test("Finds the defined function inside builtins and attribute calls")
    func findsFunction() {
        #expect(EntryPointFinder.calledFunction(
            in: "assert set(similar_elements((3, 4), (4,))) == set((4,))", definedIn: "def similar_elements(a, b): pass")
            == "similar_elements")
        #expect(EntryPointFinder.calledFunction(in: "assert math.isclose(area(2), 4.0)", definedIn: "") == "area")
        #expect(EntryPointFinder.calledFunction(
            in: "assert max_chain([Pair(1, 2)], 1) == 1", definedIn: "class Pair: pass\ndef max_chain(a, n): pass")
            == "max_chain")
        #expect(EntryPointFinder.calledFunction(in: "assert f('g(x)') == 1", definedIn: "") == "f")
        #expect(EntryPointFinder.calledFunction(in: "assert is_Diff (12345) == False", definedIn: "") == "is_Diff")
        #expect(EntryPointFinder.calledFunction(in: "assert (h(1) in (1, 2))", definedIn: "") == "h")
    }
}
