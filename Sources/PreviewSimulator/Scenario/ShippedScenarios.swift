/// The scenarios that come with the project (SPEC §7): an ecommerce journey, a lead form,
/// consent denied then granted, and single-page-app history navigation.
///
/// Their JSON files live in `Sources/PreviewSimulator/ScenarioFiles/` (copy one to start a
/// client's own); `Scripts/embed-scenarios` compiles them in, so the single binary needs no
/// resource bundle beside it (`Bundle.module` stops the process when the bundle is missing,
/// as it is once the binary is copied elsewhere).
public enum ShippedScenarios {
    /// The shipped scenarios' names, in file-name order.
    public static var names: [String] { embedded.map { String($0.file.dropLast(".json".count)) } }

    /// Every shipped scenario, in file-name order.
    /// - Throws: ``ScenarioError`` if an embedded file is invalid (a test guarantees it is not).
    public static func all() throws(ScenarioError) -> [Scenario] {
        var scenarios: [Scenario] = []
        for (file, text) in embedded {
            scenarios.append(try ScenarioLoader().decode(Array(text.utf8), path: "ScenarioFiles/" + file + " (built in)"))
        }
        return scenarios
    }

    /// The shipped scenario with this name (`ecommerce-journey`), or nil.
    public static func named(_ name: String) throws(ScenarioError) -> Scenario? {
        guard let entry = embedded.first(where: { $0.file == name + ".json" }) else { return nil }
        return try ScenarioLoader().decode(Array(entry.text.utf8), path: "ScenarioFiles/" + entry.file + " (built in)")
    }
}
