import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

        /// The files these sources hold, in the order they are read: the bundled folder's, the config
        /// folder's, then each `--knowledge` path's; in a folder, its `*.txt` files in name order, then its
        /// catalogue's (`products/*.txt`), then its process knowledge (`processes/*.txt`).
        /// - Throws: `KnowledgeError.unreadable` for a `--knowledge` path that does not exist.
        public func files() throws(KnowledgeError) -> [SourceFile] {
            var files: [SourceFile] = []
            func addFolder(_ folder: String, isBundled: Bool) {
                for path in KnowledgeBase.textFiles(in: folder) {
                    let name = isBundled ? (path as NSString).lastPathComponent : path
                    files.append(SourceFile(path: path, name: name, isCatalogue: false, isBundled: isBundled))
                }
                for path in KnowledgeBase.textFiles(in: folder + "/products") {
                    let name = isBundled ? "products/" + (path as NSString).lastPathComponent : path
                    files.append(SourceFile(path: path, name: name, isCatalogue: true, isBundled: isBundled))
                }
                for path in KnowledgeBase.textFiles(in: folder + "/processes") {
                    let name = isBundled ? "processes/" + (path as NSString).lastPathComponent : path
                    files.append(SourceFile(path: path, name: name, isCatalogue: false, isBundled: isBundled, isProcessKnowledge: true))
                }
            }
            if let bundledFolder { addFolder(bundledFolder, isBundled: true) }
            if let configFolder { addFolder(configFolder, isBundled: false) }
            for path in extra {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    throw .unreadable(path: path, reason: "no such file or folder")
                }
                if isFolder.boolValue {
                    addFolder(path, isBundled: false)
                } else {
                    files.append(SourceFile(path: path, name: path, isCatalogue: false, isBundled: false))
                }
            }
            return files
        }
    }

    /// One file a run reads: a knowledge file of facts, a product catalogue, or process knowledge.
    public struct SourceFile: Sendable, Hashable {
        /// Where the file is.
        public var path: String
        /// The name facts and errors give it: the file's name for bundled files, else its path.
        public var name: String
        /// Whether it is a product catalogue (`products/*.txt`) rather than a file of facts.
        public var isCatalogue: Bool
        /// Whether it ships with portatlas.
        public var isBundled: Bool
        /// Whether it is process knowledge (`processes/*.txt`, see `ProcessFile`).
        public var isProcessKnowledge = false
    }

    /// Reads every knowledge file in `sources`: `*.txt` files in folders, in name order, and each folder's
    /// product catalogue (`products/*.txt`) and process knowledge (`processes/*.txt`).
    /// - Throws: `KnowledgeError` for a file that cannot be read or parsed, a `--knowledge` path that does not
    ///   exist, or a fact given twice.
    public static func load(_ sources: Sources = Sources()) throws(KnowledgeError) -> KnowledgeBase {
        try load(sources.files())
    }

    /// Reads `files`, as `Sources.files()` lists them.
    /// - Throws: `KnowledgeError` for a file that cannot be read or parsed, or a fact given twice.
    public static func load(_ files: [SourceFile]) throws(KnowledgeError) -> KnowledgeBase {
        var facts: [KnowledgeFact] = []
        var products: [Product] = []
        var processes: [ProcessFact] = []
        var names: [String] = []
        for file in files {
            let text: String
            do {
                text = try String(contentsOfFile: file.path, encoding: .utf8)
            } catch {
                throw .unreadable(path: file.path, reason: "it is missing, unreadable or not UTF-8")
            }
            if file.isProcessKnowledge {
                processes += try ProcessFile.facts(in: text, file: file.name, isBundled: file.isBundled)
            } else if file.isCatalogue {
                products += try ProductCatalogue.products(in: text, file: file.name, isBundled: file.isBundled)
            } else {
                facts += try KnowledgeFile.facts(in: text, file: file.name, isBundled: file.isBundled)
                names.append(file.name)
            }
        }
        return try KnowledgeBase(facts: facts, products: products, processes: processes, files: names)
    }

    /// The `*.txt` files in `folder`, in name order; none when the folder does not exist.
    /// (`readdir` rather than `FileManager`, which cost a lookup about half a millisecond for two folders.)
    static func textFiles(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".txt") { names.append(name) }
        }
        return names.sorted().map { "\(folder)/\($0)" }
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
