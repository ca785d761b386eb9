package dev.shipshape.policy;

import java.util.Locale;

/**
 * How serious a finding is. Ordered from most to least serious; SARIF names the same three
 * levels {@code error}, {@code warning} and {@code note} (SARIF 2.1.0 §3.27.10).
 */
public enum Severity {
    /** Breaks security or availability; fails the build by default. */
    ERROR("error"),
    /** Should be fixed; fails the build only with {@code failOn: warning}. */
    WARNING("warning"),
    /** Advice. */
    INFO("note");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** The SARIF {@code level}: {@code error}, {@code warning} or {@code note}. */
    public String sarifLevel() {
        return sarifLevel;
    }

    /** The lower-case name used in rule files and reports: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as serious as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    /**
     * Parses a rule file's or a plugin parameter's severity.
     *
     * @param text {@code error}, {@code warning} or {@code info}, any case
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "': use error, warning or info");
    }
}
