/// What can be wrong with a registry version named on the command line or in an address.
public enum VersionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No imported version has that number or date; `known` lists the versions there are.
    case unknownVersion(String, known: [String])
    /// A comparison needs two versions and the store holds fewer.
    case tooFewVersions(Int)
    /// No registry is imported at all.
    case noneImported(store: String)

    public var description: String {
        switch self {
        case .unknownVersion(let name, let known):
            let list = known.isEmpty ? "none is imported (run `portatlas update`)" : "imported: " + known.joined(separator: ", ")
            return "no registry version '\(name)': name one by its number or date (\(list))"
        case .tooFewVersions(let count):
            return "a comparison needs two registry versions and the store holds \(count): "
                + "import another with `portatlas update --from FILE`"
        case .noneImported(let store):
            return "no registry imported yet (store: \(store)): run `portatlas update`"
        }
    }
}
