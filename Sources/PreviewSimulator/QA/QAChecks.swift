/// The QA checks of SPEC §7 as pure functions over simulation results. Each returns a verdict
/// whose findings say what is wrong, on which event and tag. The loop runs them on every kept
/// patch.
public enum QAChecks {
    /// "#12 purchase (step 9)": how findings point at an event.
    static func place(_ event: EventResult) -> String {
        "#\(event.number) \(event.event) (step \(event.step))"
    }
}
