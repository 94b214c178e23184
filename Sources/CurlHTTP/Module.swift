// CurlHTTP: see Package.swift for what this module is for.
