package dev.jsops.sops.store;

import dev.jsops.config.SopsConfig;

/** The store for a format, configured as sops configures it from {@code .sops.yaml} and {@code --indent}. */
public final class Stores {
    private Stores() {
    }

    /**
     * @param indent {@code --indent} when given (it applies to YAML, JSON and binary alike), else null
     */
    public static Store of(Format format, SopsConfig.StoreSettings settings, Integer indent) {
        SopsConfig.StoreSettings s = settings == null ? SopsConfig.StoreSettings.DEFAULT : settings;
        return switch (format) {
            case YAML -> new YamlStore(indent != null ? indent : s.yamlIndent());
            case JSON -> new JsonStore(indent != null ? indent : s.jsonIndent());
            case BINARY -> new BinaryStore(indent != null ? indent : s.jsonBinaryIndent());
            case DOTENV -> new DotenvStore();
            case INI -> new IniStore();
        };
    }

    public static Store of(Format format) {
        return of(format, SopsConfig.StoreSettings.DEFAULT, null);
    }
}
