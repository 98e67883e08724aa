import TriageModel

/// A mapped ticket plus the field warnings found on the way (the ticket is still imported).
struct ImportedTicketDraft {
    var ticket: ImportedTicket
    var warnings: [XMLFieldProblem] = []
}
