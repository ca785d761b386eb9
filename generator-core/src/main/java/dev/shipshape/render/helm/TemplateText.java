package dev.shipshape.render.helm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes literal text for a Go template (Helm templates and {@code NOTES.txt}): the only
 * sequences text/template interprets in text are its delimiters {@code {{} and {@code }}}
 * (pkg.go.dev/text/template#hdr-Text_and_spaces), so each is replaced by an action printing it,
 * {@code {{ "{{" }}} and {@code {{ "}}" }}}. A spec string such as {@code {{ .Values.x }}} then
 * comes out of {@code helm template} exactly as written.
 */
final class TemplateText {

    private static final Pattern DELIMITER = Pattern.compile("\\{\\{|}}");

    private TemplateText() {
    }

    /** The text with every {@code {{} and {@code }}} escaped; one left-to-right pass, so replacements are never re-escaped. */
    static String escape(String text) {
        Matcher matcher = DELIMITER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement("{{ \"" + matcher.group() + "\" }}"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
