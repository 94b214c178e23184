import CurlHTTP

/// ListObjectsV2, page after page.
extension S3Client {
    /// Every object whose key starts with `prefix`, in the store's (UTF-8 binary) key order.
    ///
    /// Follows `NextContinuationToken` until `IsTruncated` is false.
    /// - Parameter pageSize: keys per request, 1 to 1000 (S3's maximum).
    /// - Throws: ``S3Error``.
    public func listObjects(prefix: String, pageSize: Int = 1000) async throws -> [S3ObjectSummary] {
        var objects: [S3ObjectSummary] = []
        var token: String?
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", prefix), ("max-keys", String(min(1000, max(1, pageSize))))]
            if let token { query.append(("continuation-token", token)) }
            let response = try await send(.listObjects, key: nil, method: .get, query: query)
            do {
                let page = try ListPage(response.body)
                if page.nextToken != nil, page.nextToken == token { throw ListPage.Malformed(reason: "the continuation token did not change") }
                objects += page.objects
                token = page.nextToken
            } catch let malformed as ListPage.Malformed {
                throw S3Error(operation: .listObjects, bucket: configuration.bucket, key: prefix.isEmpty ? nil : prefix + "*",
                              failure: .malformedResponse(status: response.status, reason: malformed.reason),
                              requestID: response.header("x-amz-request-id"), attempts: 1)
            }
        } while token != nil
        return objects
    }

    /// One `ListBucketResult` page.
    private struct ListPage {
        struct Malformed: Error {
            var reason: String
        }

        var objects: [S3ObjectSummary]
        /// The token for the next page; `nil` on the last.
        var nextToken: String?

        init(_ body: [UInt8]) throws {
            guard let root = S3XMLNode.parse(body), root.name == "ListBucketResult" else {
                throw Malformed(reason: "not a ListBucketResult document")
            }
            objects = try root.all("Contents").map { entry in
                guard let key = entry["Key"]?.text, let size = entry["Size"].flatMap({ Int($0.text) }) else {
                    throw Malformed(reason: "a Contents entry without Key or Size")
                }
                return S3ObjectSummary(key: key, size: size, eTag: entry["ETag"]?.text.unquotedETag, lastModified: entry["LastModified"]?.text)
            }
            if root["IsTruncated"]?.text == "true" {
                guard let token = root["NextContinuationToken"]?.text.nonEmpty else {
                    throw Malformed(reason: "IsTruncated is true but there is no NextContinuationToken")
                }
                nextToken = token
            } else {
                nextToken = nil
            }
        }
    }
}
