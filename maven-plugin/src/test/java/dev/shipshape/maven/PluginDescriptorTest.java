package dev.shipshape.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin descriptor maven-plugin-plugin generated from the Mojos' Javadoc (what
 * {@code mvn help:describe -Ddetail} and {@code mvn shipshape:help -Ddetail} print) reads well:
 * every goal and user parameter has a description of whole sentences, with no Javadoc tag left in
 * it and no name of an internal class.
 */
class PluginDescriptorTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    @Test
    void theGoalsAreGenerateCheckAndHelp() throws Exception {
        TreeSet<String> goals = new TreeSet<>();
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            goals.add(text((Element) mojos.item(i), "goal"));
        }
        assertEquals(new TreeSet<>(List.of("check", "generate", "help")), goals);
    }

    @Test
    void everyDescriptionReadsAsWholeSentencesWithoutInternals() throws Exception {
        List<String> problems = new ArrayList<>();
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            check(goal, text(mojo, "description"), problems);
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int j = 0; j < parameters.getLength(); j++) {
                Element parameter = (Element) parameters.item(j);
                if (!"true".equals(text(parameter, "editable"))) {
                    continue; // read-only parameters are not shown to users
                }
                check(goal + "." + text(parameter, "name"), text(parameter, "description"), problems);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void check(String what, String description, List<String> problems) {
        String plain = description.replaceAll("<[^>]+>", "").strip();
        if (plain.isEmpty()) {
            problems.add(what + ": no description");
        } else if (!plain.endsWith(".")) {
            problems.add(what + ": does not end with a full stop (cut sentence?): " + plain);
        }
        if (plain.contains("{@") || plain.matches("(?s).*\\b(dev\\.shipshape|Durability|OutputStamp|Shipshape#|PolicySettings)\\b.*")) {
            problems.add(what + ": names a Javadoc tag or an internal class: " + plain);
        }
    }

    private static Document descriptor() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), "run after process-classes: " + DESCRIPTOR.toAbsolutePath());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
    }

    private static String text(Element element, String child) {
        NodeList nodes = element.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
