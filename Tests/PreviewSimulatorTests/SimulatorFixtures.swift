import Foundation
import GTMModel
import LosslessJSON
import PreviewSimulator
import TestSupport

/// Small builders for hand-written containers and scenarios.
enum Sim {
    /// A condition `{type, parameter: [arg0, arg1, negate?, ignore_case?]}` as JSON text.
    static func condition(_ type: String, _ arg0: String, _ arg1: String, negate: Bool = false, ignoreCase: Bool = false) -> String {
        var params = [Fixtures.param("arg0", arg0), Fixtures.param("arg1", arg1)]
        if negate { params.append(Fixtures.param("negate", "true", type: "BOOLEAN")) }
        if ignoreCase { params.append(Fixtures.param("ignore_case", "true", type: "BOOLEAN")) }
        return #"{"type":"\#(type)","parameter":[\#(params.joined(separator: ","))]}"#
    }

    /// A trigger as JSON text.
    static func trigger(_ id: String, _ name: String, type: String, filters: [String] = [], customEvent: [String] = [],
                        autoEvent: [String] = [], extra: String = "") -> String
    {
        var fields = [#""triggerId":"\#(id)""#, #""name":"\#(name)""#, #""type":"\#(type)""#]
        if !filters.isEmpty { fields.append(#""filter":[\#(filters.joined(separator: ","))]"#) }
        if !customEvent.isEmpty { fields.append(#""customEventFilter":[\#(customEvent.joined(separator: ","))]"#) }
        if !autoEvent.isEmpty { fields.append(#""autoEventFilter":[\#(autoEvent.joined(separator: ","))]"#) }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A custom event trigger on `{{_event}} <matchType> event`.
    static func customEvent(_ id: String, _ event: String, matchType: String = "EQUALS", filters: [String] = []) -> String {
        trigger(id, "CE - \(event)", type: "CUSTOM_EVENT", filters: filters, customEvent: [condition(matchType, "{{_event}}", event)])
    }

    /// A Custom HTML tag that sends nothing (a utility), as JSON text.
    static func html(_ id: String, _ name: String, triggers: [String], blocking: [String] = [], option: String = "ONCE_PER_EVENT",
                     code: String = "<script>window.x=1;</script>", extra: String = "") -> String
    {
        let list = { (ids: [String]) in ids.map { "\"\($0)\"" }.joined(separator: ",") }
        var fields = [#""tagId":"\#(id)""#, #""name":"\#(name)""#, #""type":"html""#,
                      #""parameter":[\#(Fixtures.param("html", code))]"#, #""firingTriggerId":[\#(list(triggers))]"#,
                      #""tagFiringOption":"\#(option)""#]
        if !blocking.isEmpty { fields.append(#""blockingTriggerId":[\#(list(blocking))]"#) }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A variable as JSON text.
    static func variable(_ id: String, _ name: String, type: String, _ parameters: [String], extra: String = "") -> String {
        #"{"variableId":"\#(id)","name":"\#(name)","type":"\#(type)","parameter":[\#(parameters.joined(separator: ","))]\#(extra.isEmpty ? "" : "," + extra)}"#
    }

    /// A Data Layer Variable (version 2).
    static func dataLayerVariable(_ id: String, _ name: String, key: String, defaultValue: String? = nil) -> String {
        var params = [Fixtures.param("name", key), Fixtures.param("dataLayerVersion", "2", type: "INTEGER")]
        if let defaultValue {
            params += [Fixtures.param("setDefaultValue", "true", type: "BOOLEAN"), Fixtures.param("defaultValue", defaultValue)]
        }
        return variable(id, name, type: "v", params)
    }

    static let builtIns = ["PAGE_URL", "PAGE_PATH", "PAGE_HOSTNAME", "REFERRER", "EVENT", "CLICK_ELEMENT", "CLICK_CLASSES",
                           "CLICK_ID", "CLICK_URL", "CLICK_TEXT", "CLICK_TARGET", "FORM_ID", "FORM_CLASSES", "FORM_URL",
                           "FORM_ELEMENT", "NEW_HISTORY_FRAGMENT", "OLD_HISTORY_FRAGMENT", "HISTORY_SOURCE", "CONTAINER_ID"]
        .map { #"{"type":"\#($0)","name":"\#(BuiltInVariable.displayName(ofType: $0))"}"# }

    /// A web container with the usual built-ins enabled.
    static func container(tags: [String] = [], triggers: [String] = [], variables: [String] = [], templates: [String] = []) throws -> Container {
        try Fixtures.container(tags: tags, triggers: triggers, variables: variables, builtInVariables: builtIns, templates: templates)
    }

    static func page(_ url: String = "https://shop.example.com/", referrer: String = "", title: String = "",
                     cookies: [String: String] = [:], globals: String = "{}") -> ScenarioStep
    {
        .pageLoad(.init(url: url, referrer: referrer, title: title, cookies: cookies, globals: object(globals)))
    }

    static func push(_ json: String) -> ScenarioStep { .push(object(json)) }

    static func object(_ json: String) -> JSONObject {
        (try? JSONParser().parse(json))?.objectValue ?? JSONObject()
    }

    static func run(_ container: Container, _ steps: [ScenarioStep], cookies: [String: String] = [:]) throws -> SimulationResult {
        try ContainerSimulator(container: container).run(Scenario(name: "test", cookies: cookies, steps: steps))
    }
}

extension SimulationResult {
    /// Names of the tags fired on the first event with this name (nil when there is none).
    func fired(on event: String) -> [String]? {
        events.first { $0.event == event }?.fired.map(\.name)
    }

    /// Names of tags fired over the whole run, in order.
    var allFired: [String] { events.flatMap { $0.fired.map(\.name) } }

    /// The fired tag with this name on the first event that fired it.
    func firedTag(_ name: String) -> FiredTag? {
        for event in events { if let tag = event.fired.first(where: { $0.name == name }) { return tag } }
        return nil
    }
}
