import CCurl

/// libcurl's process-wide setup, run once before the first handle: Swift initialises a global
/// exactly once, on first use, whichever thread gets there first.
private let globalInitCode: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

/// One blocking libcurl exchange and the response it collects.
///
/// Lives on the one thread that runs ``perform()``: libcurl calls the callbacks below
/// synchronously from inside `curl_easy_perform`, so the buffers need no lock.
final class CurlTransfer {
    struct Options {
        var connectTimeout: Duration
        var userAgent: String
    }

    private let request: HTTPRequest
    private let options: Options
    private let cancellation: CancellationFlag
    private var body: [UInt8] = []
    private var headers: [(name: String, value: String)] = []

    init(request: HTTPRequest, options: Options, cancellation: CancellationFlag) {
        self.request = request
        self.options = options
        self.cancellation = cancellation
    }

    /// Sends the request and waits for the whole response.
    func perform() throws -> HTTPResponse {
        let url = request.url
        guard globalInitCode == CURLE_OK else {
            throw HTTPError.transport(url: url, code: Int(globalInitCode.rawValue), detail: "curl_global_init failed")
        }
        if cancellation.isCancelled { throw CancellationError() }
        guard let handle = curl_easy_init() else {
            throw HTTPError.transport(url: url, code: Int(CURLE_FAILED_INIT.rawValue), detail: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers {
            guard !name.isEmpty, !name.contains(where: { $0 == ":" || $0.isNewline || $0 == " " }), !value.contains(where: \.isNewline) else {
                throw HTTPError.invalidRequest(url: url, reason: "header \"\(name)\" has an invalid name or a line break in its value")
            }
            // "Name:" would tell libcurl to remove the header; "Name;" sends it empty.
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // Bodies over 1 KiB make libcurl send `Expect: 100-continue` and wait up to a second for
        // a 100 that many servers never send.
        if !request.headers.contains(where: { $0.name.lowercased() == "expect" }) {
            headerList = curl_slist_append(headerList, "Expect:")
        }

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        let code = try errorBuffer.withUnsafeMutableBufferPointer { errors throws -> CURLcode in
            func set(_ result: CURLcode, _ option: String) throws {
                guard result == CURLE_OK else {
                    throw HTTPError.transport(url: url, code: Int(result.rawValue), detail: "cannot set \(option): \(String(cString: curl_easy_strerror(result)))")
                }
            }
            try set(ccurl_setopt_string(handle, CURLOPT_URL, url), "URL")
            try set(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress), "ERRORBUFFER")
            // Signals are process-wide: a timeout must not raise SIGALRM in a threaded process.
            try set(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
            let total = max(1, CurlTransfer.milliseconds(request.timeout))  // 0 would mean "never"
            try set(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, total), "TIMEOUT_MS")
            try set(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(total, max(1, CurlTransfer.milliseconds(options.connectTimeout)))), "CONNECTTIMEOUT_MS")
            try set(ccurl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent), "USERAGENT")
            try set(ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
            try set(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
            try setMethodAndBody(handle, set)

            try set(ccurl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, CurlTransfer.receiveBody), "WRITEFUNCTION")
            try set(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "WRITEDATA")
            try set(ccurl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, CurlTransfer.receiveHeader), "HEADERFUNCTION")
            try set(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "HEADERDATA")
            try set(ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0), "NOPROGRESS")
            try set(ccurl_setopt_xferinfo_callback(handle, CurlTransfer.checkCancellation), "XFERINFOFUNCTION")
            try set(ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context), "XFERINFODATA")
            return curl_easy_perform(handle)
        }

        guard code == CURLE_OK else {
            let message = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw error(for: code, detail: message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var fields: [String: String] = [:]
        for (name, value) in headers { fields[name] = fields[name].map { "\($0), \(value)" } ?? value }
        return HTTPResponse(status: status, headers: fields, body: body)
    }

    private func setMethodAndBody(_ handle: UnsafeMutableRawPointer, _ set: (CURLcode, String) throws -> Void) throws {
        switch request.method {
        case .get:
            return
        case .head:
            try set(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1), "NOBODY")
            return
        case .delete where request.body.isEmpty:
            try set(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue), "CUSTOMREQUEST")
            return
        case .post, .put, .patch, .delete:
            if request.method != .post {
                try set(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue), "CUSTOMREQUEST")
            }
        }
        // The size first, so the copy takes exactly these bytes (the body may contain NULs); an
        // explicit 0 makes an empty POST instead of reading the body from stdin.
        try set(ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)), "POSTFIELDSIZE_LARGE")
        var bytes = request.body.isEmpty ? [0] : request.body
        try bytes.withUnsafeMutableBytes { buffer in
            try set(ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, buffer.baseAddress), "COPYPOSTFIELDS")
        }
    }

    private func error(for code: CURLcode, detail: String) -> any Error {
        let url = request.url
        switch code {
        case CURLE_ABORTED_BY_CALLBACK where cancellation.isCancelled:
            return CancellationError()
        case CURLE_OPERATION_TIMEDOUT:
            let components = request.timeout.components
            return HTTPError.timeout(url: url, seconds: Double(components.seconds) + Double(components.attoseconds) / 1e18, detail: detail)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return HTTPError.connectionFailed(url: url, code: Int(code.rawValue), detail: detail)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return HTTPError.connectionDropped(url: url, code: Int(code.rawValue), detail: detail)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return HTTPError.invalidRequest(url: url, reason: detail)
        default:
            return HTTPError.transport(url: url, code: Int(code.rawValue), detail: detail)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let components = duration.components
        return Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }

    // MARK: - libcurl callbacks (C function pointers: no captures, the transfer comes as context)

    private static let receiveBody: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        if let data, length > 0 {
            transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        }
        return length
    }

    private static let receiveHeader: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard let data, length > 0 else { return length }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response starts (after an interim 1xx): its headers replace the last ones.
            transfer.headers.removeAll()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if !name.isEmpty { transfer.headers.append((name, value)) }
        }
        return length
    }

    private static let checkCancellation: curl_xferinfo_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().cancellation.isCancelled ? 1 : 0
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
