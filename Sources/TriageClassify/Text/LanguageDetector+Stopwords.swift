extension LanguageDetector {
    /// Letters that point to one language.
    static let distinctiveLetters: [Unicode.Scalar: String] = [
        "ß": "de", "ñ": "es", "¿": "es", "¡": "es", "ã": "pt", "õ": "pt", "å": "sv",
        "ł": "pl", "ą": "pl", "ę": "pl", "ś": "pl", "ż": "pl", "ź": "pl", "ć": "pl", "ń": "pl",
        "ò": "it", "ù": "it", "è": "it", "ç": "fr", "œ": "fr", "ê": "fr", "û": "fr",
    ]

    /// Folded stopword → the languages it is common in (words shared by two languages count for both).
    static let stopwords: [String: [String]] = {
        let lists: [String: String] = [
            "en": "the and is are was were you your have has this that with for not can please our we my it of to would could there what when",
            "de": "der die das und ist nicht ich sie wir ein eine mit fur auf bitte ihr mein meine habe haben kann wurde uns noch auch sich dass",
            "fr": "le la les et est pas je vous nous un une avec pour sur mon ma mes ai avons merci bien ne que qui des du au",
            "es": "el la los las y es no yo usted nosotros un una con para mi mis tengo hemos gracias por que pero del al esta como muy",
            "it": "il lo la gli le e non io voi noi un una con per mio mia ho abbiamo grazie che ma del della sono questo come",
            "pt": "o a os as e nao eu voce nos um uma com para meu minha tenho temos obrigado que mas do da esta como muito",
            "nl": "de het een en is niet ik u we wij met voor op mijn heb hebben kunt dank bedankt dat maar van nog ook zijn",
            "sv": "och det att en ett ar inte jag ni vi med for pa min mitt har kan tack som men av till ocksa",
            "pl": "i jest nie ja pan pani my z dla na moj moja mam mamy prosze dziekuje ze ale do sie to jak czy",
        ]
        var table: [String: [String]] = [:]
        for (language, words) in lists {
            for word in words.split(separator: " ") { table[String(word), default: []].append(language) }
        }
        return table
    }()
}
