import Testing
@testable import TriageClassify

@Suite("LanguageDetector")
struct LanguageDetectorTests {
    @Test(arguments: [
        ("I cannot open the invoice you sent me, can you please send it again?", "en"),
        ("Ich kann mich nicht anmelden, bitte helfen Sie mir mit dem Passwort.", "de"),
        ("Je ne peux pas me connecter à mon compte, merci de vérifier.", "fr"),
        ("No puedo acceder a mi cuenta, ¿me pueden ayudar por favor?", "es"),
        ("Non riesco ad accedere al mio account, grazie per l'aiuto.", "it"),
        ("Não consigo acessar minha conta, obrigado pela ajuda.", "pt"),
        ("Ik kan niet inloggen op mijn account, kunt u mij helpen?", "nl"),
        ("Jag kan inte logga in på mitt konto, tack för hjälpen.", "sv"),
        ("Nie mogę zalogować się do mojego konta, proszę o pomoc.", "pl"),
        ("アカウントにログインできません。助けてください。", "ja"),
        ("我无法登录我的账户，请帮助我。", "zh"),
        ("Я не могу войти в свой аккаунт, помогите пожалуйста.", "ru"),
        ("계정에 로그인할 수 없습니다", "ko"),
        ("12345 !!!", "und"),
        ("", "und"),
    ])
    func detects(text: String, expected: String) {
        #expect(LanguageDetector().detect(text) == expected)
    }
}
