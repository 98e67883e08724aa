extension TriageHeuristics {
    /// All lists in one lexicon (one dictionary lookup per token), in the order ``assess(text:tokens:)`` reads them.
    static let lexicon = Lexicon(lists: [urgent, high, low, negative, positive, legal, security])

    static let urgent = [
        "outage", "is down", "are down", "site down", "system down", "server down", "production down", "data loss",
        "lost all", "emergency", "security breach", "cannot access anything", "completely broken",
        "ausfall", "systemausfall", "geht gar nichts", "notfall", "datenverlust",
        "panne generale", "en panne", "hors service", "perte de donnees",
        "caido", "caida del servicio", "fuera de servicio", "perdida de datos", "emergencia",
        "non funziona niente", "servizio interrotto", "fuori servizio", "perdita di dati",
        "fora do ar", "servico indisponivel", "perda de dados",
        "ligt eruit", "werkt helemaal niet",
        "driftstopp", "ligger nere", "awaria", "nie dziala nic",
        "障害", "停止", "故障", "宕机", "сбой", "не работает ничего",
    ]
    static let high = [
        "urgent", "urgently", "asap", "as soon as possible", "immediately", "not working", "doesn't work",
        "does not work", "can't log in", "cannot log in", "cannot login", "locked out", "blocked", "charged twice",
        "double charged", "deadline", "critical",
        "dringend", "sofort", "funktioniert nicht", "gesperrt", "doppelt abgebucht",
        "urgence", "immediatement", "ne fonctionne pas", "ne marche pas", "bloque",
        "urgente", "inmediatamente", "no funciona", "bloqueado",
        "subito", "non funziona", "bloccato",
        "imediatamente", "nao funciona",
        "spoed", "dringend", "werkt niet", "omgaende", "fungerar inte", "pilne", "natychmiast", "nie dziala",
        "至急", "紧急", "срочно", "не работает",
    ]
    static let low = [
        "no rush", "whenever you can", "when you have time", "just wondering", "just curious", "feature request",
        "suggestion", "would be nice", "nice to have", "quick question", "for your information", "fyi",
        "keine eile", "vorschlag", "wäre schön", "pas urgent", "suggestion", "sin prisa", "sugerencia",
        "nessuna fretta", "suggerimento", "sem pressa", "sugestao", "geen haast", "ingen brådska", "bez pospiechu",
    ]
    static let negative = [
        "angry", "furious", "terrible", "awful", "horrible", "unacceptable", "disappointed", "disappointing",
        "worst", "frustrated", "frustrating", "ridiculous", "scam", "useless", "fed up", "never again", "disgusted",
        "wütend", "schrecklich", "inakzeptabel", "enttäuscht", "unverschämt", "frechheit",
        "furieux", "inacceptable", "decu", "nul", "honteux",
        "enfadado", "terrible", "inaceptable", "decepcionado", "fatal", "vergüenza",
        "arrabbiato", "inaccettabile", "deluso", "pessimo", "vergogna",
        "irritado", "inaceitavel", "decepcionado", "pessimo",
        "boos", "onacceptabel", "teleurgesteld", "belachelijk",
        "arg", "oacceptabelt", "besviken", "wsciekly", "skandal", "rozczarowany",
        "最悪", "糟糕", "ужасно", "возмутительно",
    ]
    static let positive = [
        "thanks", "thank you", "great", "love", "awesome", "appreciate", "excellent", "amazing", "helpful", "perfect",
        "danke", "vielen dank", "super", "toll", "merci", "genial", "excelente", "gracias", "grazie", "ottimo",
        "obrigado", "obrigada", "otimo", "bedankt", "geweldig", "tack", "dziekuje", "swietnie",
        "ありがとう", "谢谢", "спасибо",
    ]
    static let legal = [
        "lawsuit", "lawyer", "attorney", "legal action", "sue you", "court", "solicitor", "small claims",
        "anwalt", "rechtsanwalt", "klage", "gericht", "avocat", "tribunal", "abogado", "demanda",
        "avvocato", "denuncia", "advogado", "advocaat", "rechtszaak", "advokat", "prawnik", "pozew",
        "弁護士", "律师", "адвокат", "суд",
    ]
    static let security = [
        "hacked", "hacker", "breach", "compromised", "phishing", "vulnerability", "exploit", "fraud", "fraudulent",
        "stolen", "unauthorized", "unauthorised", "identity theft", "malware", "ransomware",
        "gehackt", "betrug", "sicherheitslucke", "pirate", "fraude", "vulnerabilite", "hackeado", "vulnerabilidad",
        "violato", "truffa", "vulnerabilita", "invadida", "oplichting", "kapad", "bedrageri", "oszustwo", "wlamanie",
        "不正アクセス", "诈骗", "взлом", "мошенничество",
    ]
}
