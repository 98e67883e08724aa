extension ThemeExtractor {
    /// Common English function words plus the small talk of support mail (`hi`, `thanks`, `please`, `re`, `fwd`).
    public static let defaultStopwords: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "being", "but", "by", "can", "can't", "cannot", "could", "did", "do", "does", "doesn't", "don't", "for",
        "from", "get", "got", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "i'm", "if", "in",
        "into", "is", "isn't", "it", "it's", "its", "just", "me", "more", "my", "no", "not", "now", "of", "on",
        "one", "or", "our", "out", "she", "so", "some", "still", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "to", "too", "up", "us", "very", "was", "wasn't", "we", "were", "what",
        "when", "where", "which", "while", "who", "why", "will", "with", "won't", "would", "you", "your",
        // Support small talk and mail prefixes.
        "hi", "hello", "hey", "dear", "thanks", "thank", "please", "pls", "regards", "re", "fw", "fwd", "aw", "wg",
        "help", "need", "issue", "problem", "question", "ticket", "request", "customer", "asks", "asking", "wants",
        "reports", "says", "urgent", "asap",
    ]
}
