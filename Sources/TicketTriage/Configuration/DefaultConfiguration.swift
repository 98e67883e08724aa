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

        # Routing rules (escalations, SLA timers, webhooks), relative to this file; see Templates/rules.example.yml.
        # rules: rules.yml

        """
        return text
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
