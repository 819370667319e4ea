import Foundation

extension KnowledgeBase {
    /// The knowledge files a run reads: the bundled ones, the config folder's, and any named on the command line.
    public struct Sources: Sendable {
        /// The folder of knowledge files that ships with portatlas, if it was found.
        public var bundledFolder: String?
        /// The user's own folder (`$XDG_CONFIG_HOME/portatlas/knowledge`); it need not exist.
        public var configFolder: String?
        /// Files or folders named with `--knowledge`; each must exist.
        public var extra: [String]

        public init(
            bundledFolder: String? = KnowledgeBase.bundledFolder(),
            configFolder: String? = KnowledgeBase.configFolder(),
            extra: [String] = []
        ) {
            self.bundledFolder = bundledFolder
            self.configFolder = configFolder
            self.extra = extra
        }
    }

    /// Reads every knowledge file in `sources`: `*.txt` files in folders, in name order, and each folder's
    /// product catalogue (`products/*.txt`).
    /// - Throws: `KnowledgeError` for a file that cannot be read or parsed, a `--knowledge` path that does not
    ///   exist, or a fact given twice.
    public static func load(_ sources: Sources = Sources()) throws(KnowledgeError) -> KnowledgeBase {
        var facts: [KnowledgeFact] = []
        var products: [Product] = []
        var files: [String] = []
        func text(of path: String) throws(KnowledgeError) -> String {
            do {
                return try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw .unreadable(path: path, reason: "it is missing, unreadable or not UTF-8")
            }
        }
        func read(_ path: String, isBundled: Bool) throws(KnowledgeError) {
            let name = isBundled ? (path as NSString).lastPathComponent : path
            facts += try KnowledgeFile.facts(in: try text(of: path), file: name, isBundled: isBundled)
            files.append(name)
        }
        // A folder's facts, and its product catalogue in `products/`.
        func readFolder(_ folder: String, isBundled: Bool) throws(KnowledgeError) {
            for path in textFiles(in: folder) { try read(path, isBundled: isBundled) }
            for path in textFiles(in: folder + "/products") {
                let name = isBundled ? "products/" + (path as NSString).lastPathComponent : path
                products += try ProductCatalogue.products(in: try text(of: path), file: name, isBundled: isBundled)
            }
        }
        if let folder = sources.bundledFolder { try readFolder(folder, isBundled: true) }
        if let folder = sources.configFolder { try readFolder(folder, isBundled: false) }
        for path in sources.extra {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .unreadable(path: path, reason: "no such file or folder")
            }
            if isFolder.boolValue {
                try readFolder(path, isBundled: false)
            } else {
                try read(path, isBundled: false)
            }
        }
        return try KnowledgeBase(facts: facts, products: products, files: files)
    }

    /// The `*.txt` files in `folder`, in name order; none when the folder does not exist.
    private static func textFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Where the bundled knowledge files are: `PORTATLAS_KNOWLEDGE_DIR` if set, else beside the executable
    /// (SwiftPM's resource bundle), else `../share/portatlas/knowledge` from it.
    public static func bundledFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let folder = environment["PORTATLAS_KNOWLEDGE_DIR"], !folder.isEmpty { return folder }
        return BundledResources.folder(module: "PortKnowledge", path: "Knowledge", shared: "knowledge")
    }

    /// The user's own knowledge folder: `$XDG_CONFIG_HOME/portatlas/knowledge`, or `~/.config/portatlas/knowledge`.
    public static func configFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return "\(config)/portatlas/knowledge" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return "\(home)/.config/portatlas/knowledge"
    }

}
