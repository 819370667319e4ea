import Foundation

/// Finds the data files that ship with portatlas: SwiftPM's resource bundles beside the executable, or an
/// installed `share/portatlas` folder.
///
/// SwiftPM's generated `Bundle.module` stops the program when the bundle is not where the build left it;
/// this looks in every place an install may put it and answers `nil` instead.
public enum BundledResources {
    /// The folder `path` of target `module`'s resources, or `../share/portatlas/<shared>` from the executable.
    public static func folder(module: String, path: String, shared: String) -> String? {
        guard let executable = executablePath() else { return nil }
        let folder = (executable as NSString).deletingLastPathComponent
        let bundle = "portatlas_\(module)"
        let candidates = [
            "\(folder)/\(bundle).resources/\(path)",
            "\(folder)/\(bundle).bundle/\(path)",
            "\(folder)/\(bundle).bundle/Contents/Resources/\(path)",
            "\(folder)/../share/portatlas/\(shared)",
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// This process's executable.
    static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return Bundle.main.executablePath
        #endif
    }
}
