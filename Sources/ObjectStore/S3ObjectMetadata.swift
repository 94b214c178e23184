/// What `HEAD` says about an object, without its bytes.
public struct S3ObjectMetadata: Sendable, Equatable {
    /// Size in bytes.
    public var contentLength: Int
    public var contentType: String?
    /// The entity tag, quotes removed.
    public var eTag: String?
    /// The `Last-Modified` header as sent (an HTTP date).
    public var lastModified: String?

    public init(contentLength: Int, contentType: String? = nil, eTag: String? = nil, lastModified: String? = nil) {
        self.contentLength = contentLength
        self.contentType = contentType
        self.eTag = eTag
        self.lastModified = lastModified
    }
}

extension String {
    /// An ETag without the double quotes S3 wraps it in.
    var unquotedETag: String { count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self }
}
