/// The one confidence threshold below which a triage result asks for a human.
///
/// Set in `triage.yml` as `needs_human_threshold`; the local classifier, the Claude classifier (and the cascade's
/// escalation), `show`, routing (through the stored `needs_human` flag) and the digest's low-confidence count all
/// use that value. This is its default (how it was chosen: `docs/notes/local.md`).
public enum NeedsHumanThreshold {
    public static let `default`: Double = 0.6
}

/// The cascade's other threshold: the local model answers alone when its confidence is at least this (set in
/// `triage.yml` as `claude.local_threshold`). Above ``NeedsHumanThreshold/default`` on purpose: a local answer that
/// skips Claude must be surer than one that merely skips a human.
public enum CascadeDefaults {
    public static let localThreshold: Double = 0.85
}
