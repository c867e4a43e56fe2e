<#--
  Mnemo's additions to the token manager (JavaCC's TOKEN_MGR_DECLS), with COMMON_TOKEN_ACTION set in sql/pom.xml.
-->

    /**
     * Calcite's COLLATION_ID token, a collation name such as ISO-8859-1$en_US$primary, outmatches an identifier that
     * holds a '$' after a qualifier or an operator: t.mnemo$rowid, s.t.a$b or 2-a$b would each be one token, which
     * no production takes (Mnemo's grammar has no COLLATE clause) and the statement a syntax error. Such a token
     * becomes the first of the tokens its text would be without COLLATION_ID, and reading resumes after that one.
     * BigQuery's lexical state (hyphenated table names, which Mnemo does not use) keeps Calcite's reading.
     */
    void CommonTokenAction(Token t) {
        if (t.kind != COLLATION_ID || curLexState == BQHID) {
            return;
        }
        Token first = firstTokenOf(t.image);
        if (first == null) {
            return;
        }
        input_stream.backup(t.image.length() - first.image.length());
        t.kind = first.kind;
        t.image = first.image;
        t.endLine = t.beginLine;
        t.endColumn = t.beginColumn + first.image.length() - 1;
    }

    /**
     * The first token of a COLLATION_ID's text, read without its last '$' and what follows it: the first token the
     * whole text would be otherwise never reaches that far, and without that '$' the rest cannot be a COLLATION_ID
     * longer than that first token (one it still holds is read so in turn). Null when nothing is left to read.
     */
    private Token firstTokenOf(String image) {
        int cut = image.lastIndexOf('$');
        if (cut <= 0) {
            return null;
        }
        ${parser.class}TokenManager rest = new ${parser.class}TokenManager(
                new SimpleCharStream(new java.io.StringReader(image.substring(0, cut))), curLexState);
        Token first = rest.getNextToken();
        return first.kind == EOF ? null : first;
    }
