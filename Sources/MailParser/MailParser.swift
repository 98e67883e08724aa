/// RFC 5322 / MIME parsing: see the types in this module.
public enum MailParserModule {}
