package dev.jsops.sops.store;

/** A YAML event (libyaml {@code yaml_event_t}), produced by {@link YamlParser} and consumed by {@link YamlEmitter}. */
final class YamlEvent {
    enum E {
        STREAM_START, STREAM_END, DOCUMENT_START, DOCUMENT_END, ALIAS, SCALAR, SEQUENCE_START, SEQUENCE_END,
        MAPPING_START, MAPPING_END
    }

    /** Collection styles. */
    static final int BLOCK = 1;
    static final int FLOW = 2;

    final E type;
    YamlScanner.Mark start = YamlScanner.Mark.ZERO;
    String anchor;
    String tag;
    String value;
    /** {@link #value} as code points when already computed. */
    int[] codePoints;
    /** The emitter's packed analysis of {@link #codePoints}, or -1 when not computed yet. */
    int analysis = -1;
    boolean implicit;
    boolean quotedImplicit;
    int style;
    String head;
    String line;
    String foot;
    String tail;

    YamlEvent(E type) {
        this.type = type;
    }
}
