package geo.compiler.source;

/** How serious a diagnostic is. Only errors make a file fail to compile. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed after the position: {@code error}, {@code warning}, {@code note}. */
    public String label() {
        return label;
    }
}
