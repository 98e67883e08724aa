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

    /// Words and phrases of everyday support mail that name no topic: they never make a theme on their own
    /// (`page` alone says nothing, `login page` does), nor do phrases made only of them (`new page`).
    public static let defaultStopPhrases: Set<String> = [
        "new", "old", "page", "back", "bring back", "every time", "time", "times", "every", "thing", "things", "way",
        "today", "yesterday", "tomorrow", "day", "days", "week", "weeks", "month", "morning", "able", "also", "even",
        "like", "want", "know", "see", "use", "using", "used", "try", "tried", "trying", "work", "working", "works",
        "not working", "doesn't work", "stopped working", "anymore", "since", "really", "well", "good", "great", "bad",
        "update", "any update", "follow up", "following", "let", "someone", "something", "anything", "everything",
        "nothing", "first", "last", "next", "other", "another", "same", "different", "many", "much", "lot", "several",
        "best", "kind regards", "best regards", "hope", "sorry", "info", "information", "details", "thing", "make",
        "made", "team", "support", "hi team", "hello team", "email", "mail", "message", "reply", "response", "asap",
        "soon", "again", "still", "seems", "seem", "look", "looks", "looking", "please advise", "wondering", "trouble",
        "bring", "months", "year", "years", "hour", "hours", "minute", "minutes", "ago", "keep", "keeps", "getting",
        "went", "go", "going", "come", "comes", "came", "said", "told", "asked", "sent", "received",
    ]
}
