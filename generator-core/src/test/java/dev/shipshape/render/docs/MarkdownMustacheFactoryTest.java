package dev.shipshape.render.docs;

import com.github.mustachejava.DefaultMustacheFactory;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownMustacheFactoryTest {

    private static final String VALUE = "a && b <c> \"d\" 'e' `f` =g";

    @Test
    void writesValuesVerbatim() {
        assertEquals(VALUE, render(new MarkdownMustacheFactory("dev/shipshape/render/docs")));
    }

    @Test
    void theDefaultFactoryWouldEscapeThem() {
        // guards the test above: mustache's default really is HTML escaping
        assertEquals("a &amp;&amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#96;f&#96; &#61;g",
                render(new DefaultMustacheFactory()));
    }

    private static String render(DefaultMustacheFactory factory) {
        StringWriter out = new StringWriter();
        factory.compile(new StringReader("{{value}}"), "inline").execute(out, Map.of("value", VALUE));
        return out.toString();
    }
}
