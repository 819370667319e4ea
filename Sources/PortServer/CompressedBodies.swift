import CompressNIO
import Foundation
import NIOCore
import PortWeb

/// A page's bytes as one client gets them: gzip-compressed when it asks for gzip and compression pays.
struct Representation {
    var body: ByteBuffer
    /// The page's `ETag`, or for the gzip bytes a distinct one (`"…-gzip"`): a cache must never answer a
    /// client that cannot inflate with compressed bytes.
    var etag: String
    /// `gzip`, or `nil` for the page's own bytes.
    var contentEncoding: String?
    /// Whether the response depends on `Accept-Encoding` (then it says `Vary: Accept-Encoding`).
    var varies: Bool
}

/// The gzip-compressed bodies of pages, made once per distinct body (known by its `ETag`, a hash of the
/// bytes) and kept, so a cached page costs nothing to compress after its first compressed request.
///
/// Compression is zlib's (through compress-nio) at its default level, 6: on the 3.9 MB registry XML it is
/// 2.5 times faster than level 9 for 4% more bytes (README, "Speed"), and pages that are not cached (search
/// results) are compressed per request. Bodies under `minimumSize` bytes, or of types that are compressed
/// already, go as they are.
final class CompressedBodies: @unchecked Sendable {
    // @unchecked: every access to the dictionary holds `lock`.
    private let lock = NSLock()
    private var bodies: [String: ByteBuffer] = [:]
    private var order: [String] = []
    private var bytes = 0
    /// At most this many compressed bytes are kept; the oldest go first.
    let byteLimit: Int

    /// Below this, gzip's header and the work cost more than they save.
    static let minimumSize = 1024
    static let compressibleTypes = ["text/", "application/json", "application/xml"]

    init(byteLimit: Int = 64 << 20) { self.byteLimit = byteLimit }

    /// What to send of `page` to a client that sent `acceptEncoding`.
    func representation(of page: Page, acceptEncoding: String?) -> Representation {
        let plain = Representation(body: ByteBuffer(bytes: page.body), etag: page.etag, contentEncoding: nil, varies: false)
        guard page.body.count >= Self.minimumSize, Self.compressibleTypes.contains(where: { page.contentType.hasPrefix($0) }) else {
            return plain
        }
        guard Self.acceptsGzip(acceptEncoding), let body = compressed(page) else {
            var varied = plain
            varied.varies = true
            return varied
        }
        return Representation(body: body, etag: String(page.etag.dropLast()) + "-gzip\"", contentEncoding: "gzip", varies: true)
    }

    /// The page's body compressed, from the store of bodies or made now and kept.
    func compressed(_ page: Page) -> ByteBuffer? {
        lock.lock()
        let kept = bodies[page.etag]
        lock.unlock()
        if let kept { return kept }
        guard let made = Self.gzip(page.body) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if bodies.updateValue(made, forKey: page.etag) == nil {
            order.append(page.etag)
            bytes += made.readableBytes
            while bytes > byteLimit, order.count > 1 {
                let oldest = order.removeFirst()
                bytes -= bodies.removeValue(forKey: oldest)?.readableBytes ?? 0
            }
        }
        return made
    }

    /// How many compressed bodies are kept.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return bodies.count
    }

    /// `bytes` in gzip's format; `nil` if zlib fails (the page then goes uncompressed).
    static func gzip(_ bytes: [UInt8], level: ZlibConfiguration.CompressionLevel = .compressionLevel6) -> ByteBuffer? {
        var input = ByteBuffer(bytes: bytes)
        return try? input.compress(with: .gzip(configuration: .init(compressionLevel: level)))
    }

    /// Whether an `Accept-Encoding` value allows gzip: `gzip` (or `x-gzip`, or `*`) with a non-zero weight.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Double?
        var any: Double?
        for item in header.split(separator: ",") {
            let parameters = item.split(separator: ";")
            guard let first = parameters.first else { continue }
            let coding = first.trimmingCharacters(in: .whitespaces).lowercased()
            var weight = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces).lowercased()
                if pair.hasPrefix("q=") { weight = Double(pair.dropFirst(2)) ?? 0 }
            }
            if coding == "gzip" || coding == "x-gzip" { gzip = weight } else if coding == "*" { any = weight }
        }
        return (gzip ?? any ?? 0) > 0
    }
}
