import Foundation
import PortKnowledge

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension KnowledgeIndex {
    /// What the knowledge files are, as their metadata tells without reading them: for each file its path,
    /// size, modification and change times, device and inode (git's index keeps the same to tell a changed
    /// file), in the order they are read, after the index's format version.
    struct Signature {
        /// The signature, as the index stores it.
        let text: String
        /// Whether a file changed in the last two seconds: a second edit within the clock's tick could leave
        /// every time alike, so such a signature is not trusted to name an index yet.
        let isRecent: Bool

        /// The index's format: a change to the schema or to what facts hold changes it, and so every signature.
        static let format = "portatlas knowledge index 2"

        /// The signature of `files`; `nil` when one cannot be looked at (the parser then says why).
        init?(_ files: [KnowledgeBase.SourceFile], now: Date = Date()) {
            var text = Self.format + "\n"
            var newest = 0.0
            for file in files {
                var info = stat()
                guard stat(file.path, &info) == 0 else { return nil }
                #if canImport(Darwin)
                let modified = info.st_mtimespec
                let changed = info.st_ctimespec
                #else
                let modified = info.st_mtim
                let changed = info.st_ctim
                #endif
                let kind = (file.isProcessKnowledge ? "processes" : file.isCatalogue ? "catalogue" : "facts") + (file.isBundled ? " bundled" : "")
                text += "\(kind)\t\(file.name)\t\(file.path)\t\(info.st_size)\t\(modified.tv_sec).\(modified.tv_nsec)"
                text += "\t\(changed.tv_sec).\(changed.tv_nsec)\t\(info.st_dev)\t\(info.st_ino)\n"
                newest = max(newest, Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9, Double(changed.tv_sec) + Double(changed.tv_nsec) / 1e9)
            }
            self.text = text
            isRecent = newest > now.timeIntervalSince1970 - 2
        }

        /// FNV-1a, 64 bits, in hexadecimal: a short, stable name for `text`.
        static func hex(of text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            let digits = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
