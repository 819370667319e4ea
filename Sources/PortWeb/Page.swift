import Foundation

/// A rendered page or document, ready to send or to write: the same bytes either way.
public struct Page: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// A strong validator for `ETag`: a hash of the body.
    public var etag: String
    /// Where a redirect sends the reader (303 See Other); `nil` for a page.
    public var location: String?

    /// A redirect to `location`.
    public static func redirect(to location: String) -> Page {
        var page = Page(status: 303, contentType: "text/plain; charset=utf-8", body: "")
        page.location = location
        return page
    }

    public init(status: Int = 200, contentType: String = "text/html; charset=utf-8", body: String) {
        self.status = status
        self.contentType = contentType
        self.body = Array(body.utf8)
        self.etag = Page.etag(of: self.body)
    }

    /// A page of bytes that are not text (an icon).
    public init(status: Int = 200, contentType: String, bytes: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = bytes
        self.etag = Page.etag(of: bytes)
    }

    /// `"…"`: FNV-1a over the bytes, quoted as RFC 9110 wants.
    static func etag(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count {
                hash ^= UInt64(buffer[index])
                hash = hash &* 0x100_0000_01b3
            }
        }
        return "\"" + String(hash, radix: 16) + "\""
    }
}
