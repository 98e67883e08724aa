import Foundation
import TriageModel

/// The commented `triage.yml` that `triage init` writes.
public enum DefaultConfiguration {
    public static var yaml: String {
        var text = """
        # TicketTriage configuration. Every key is optional; delete what you do not need.
        # Documentation: README.md (Configuration) and docs/ARCHITECTURE.md.

        # The departments triage chooses from. Descriptions are shown to the model: say what belongs where.
        # Human labels in exports (Zendesk groups, Freshdesk cf_department, Jira components) should use these names.
        departments:

        """
        for department in Department.defaults {
            text += "  - name: \(quoted(department.name))\n    description: \(quoted(department.description))\n"
        }
        text += """

        import:
          # Zone for timestamps that carry none (IANA name).
          time_zone: UTC
          # Your team's addresses or @domains: mail from them is the agent side of a thread.
          team_addresses: []   # e.g. ["support@example.com", "@example.com"]
          # Keep attachment bytes up to this many bytes (0: keep name, type and size only).
          keep_attachments_up_to: 0
          # Records larger than this are skipped and reported.
          max_record_bytes: 67108864
          # Mails with the same subject and participants within this many days join one ticket.
          thread_window_days: 14

        # The daily digest (`triage digest`); uncomment what you need.
        # digest:
        #   time_zone: Europe/Berlin        # the day the digest covers, in this zone (IANA name)
        #   chat_webhook: https://hooks.slack.com/services/…   # for `--post` without a URL; or $TRIAGE_CHAT_WEBHOOK
        #   mail:                           # for `triage digest --send`
        #     server: smtps://smtp.example.com:465   # or smtp://host:587 (STARTTLS)
        #     tls: required                 # smtp:// only: required, opportunistic or none (local relay)
        #     from: "Support digest <triage@example.com>"
        #     to: ["support-leads@example.com"]
        #     username: triage
        #     # password: prefer the environment variable TRIAGE_SMTP_PASSWORD
        #     subject: "Support digest {date}"

        # The Claude backend (`triage run --backend claude|cascade`); needs ANTHROPIC_API_KEY in the environment
        # (ANTHROPIC_BASE_URL overrides the endpoint). Without a key, use the local model (`--backend local`).
        # claude:
        #   model: claude-haiku-5-5           # claude-haiku-4-5 keeps working; any model id is accepted
        #   escalation_model: claude-sonnet-5-5   # asked again when Haiku's confidence is low (cascade)
        #   max_tokens: 400                   # per answer; bounds the worst-case cost the budget reserves
        #   summary_words: 40
        #   summary_language: English
        #   local_threshold: 0.85             # cascade: the local model answers alone at or above this
        #   fallback_to_local: false          # cascade: API down after retries → local answer, marked
        #   redaction: { emails: true, phones: true, cards: true, ibans: true, restore_in_summary: true, patterns: [] }
        # Below this confidence a result asks for a human: the local model, Claude (and the cascade's escalation),
        # `triage show`, routing and the digest's low-confidence count all use this one value.
        # needs_human_threshold: 0.6
        # Routing rules (escalations, SLA timers, webhooks), relative to this file; see Templates/rules.example.yml.
        # rules: rules.yml

        """
        return text
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
