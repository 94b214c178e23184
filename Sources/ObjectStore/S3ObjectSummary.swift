/// One object in a listing, as ListObjectsV2 describes it.
public struct S3ObjectSummary: Sendable, Equatable {
    public var key: String
    /// Size in bytes.
    public var size: Int
    /// The entity tag, quotes removed (the MD5 hex of a single-part upload on AWS and R2).
    public var eTag: String?
    /// ISO-8601 time of the last write, as the service wrote it.
    public var lastModified: String?

    public init(key: String, size: Int, eTag: String? = nil, lastModified: String? = nil) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
    }
}
