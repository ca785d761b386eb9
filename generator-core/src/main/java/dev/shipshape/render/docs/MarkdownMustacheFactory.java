package dev.shipshape.render.docs;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;

import java.io.IOException;
import java.io.Writer;

/**
 * A mustache factory for Markdown output: values are written as they are. Mustache escapes for
 * HTML by default ({@code &} becomes {@code &amp;}), which would corrupt shell commands and URLs
 * in a Markdown file; the view models hold only text that is meant to appear verbatim.
 */
final class MarkdownMustacheFactory extends DefaultMustacheFactory {

    /** @param resourceRoot class-path folder of the templates, for example {@code dev/shipshape/render/docs} */
    MarkdownMustacheFactory(String resourceRoot) {
        super(resourceRoot);
    }

    /** Writes {@code value} unchanged. */
    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new MustacheException("cannot write template output", e);
        }
    }
}
