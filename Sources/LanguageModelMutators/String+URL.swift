extension String {
    /// This base URL with `path` appended, whether or not the base ends in a slash.
    func appendingURLPath(_ path: String) -> String {
        var base = Substring(self)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + path
    }
}
