import Foundation

extension RegistryStore {
    /// The store's default file: `$XDG_DATA_HOME/portatlas/portatlas.sqlite`, else
    /// `~/.local/share/portatlas/portatlas.sqlite` (on macOS, `~/Library/Application Support/portatlas/`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        #if os(macOS)
        let fallback = "\(home)/Library/Application Support"
        #else
        let fallback = "\(home)/.local/share"
        #endif
        let base = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? fallback
        return "\(base)/portatlas/portatlas.sqlite"
    }
}
