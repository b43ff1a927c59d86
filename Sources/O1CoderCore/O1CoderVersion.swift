/// The tool's version, recorded with every run and model it makes.
public enum O1CoderVersion {
    public static let string = "0.1.0"
}
