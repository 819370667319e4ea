import Crypto
import Foundation
import PortRegistry
import PortStore

extension RegistryStore.ImportSource {
    /// The source of a file read whole: where it came from, and its bytes' SHA-256 as the fingerprint that
    /// tells one imported file from another.
    public init(location: String, bytes: some DataProtocol, format: RegistryFormat, etag: String? = nil, lastModified: String? = nil) {
        self.init(location: location, sha256: Self.sha256(of: bytes), format: format, etag: etag, lastModified: lastModified)
    }

    /// The SHA-256 of `bytes` (swift-crypto) in lower-case hex, as `sha256sum` prints it.
    public static func sha256(of bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
