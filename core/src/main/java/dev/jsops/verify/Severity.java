package dev.jsops.verify;

/** How bad a finding is; {@code --fail-on} picks the lowest severity that fails a run. */
public enum Severity {
    NOTE, WARNING, ERROR;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Severity parse(String s) {
        return switch (s) {
            case "error" -> ERROR;
            case "warning" -> WARNING;
            case "note" -> NOTE;
            default -> throw new IllegalArgumentException("unknown severity \"" + s + "\" (error, warning or note)");
        };
    }
}
