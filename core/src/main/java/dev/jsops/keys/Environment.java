package dev.jsops.keys;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What key discovery may look at: environment variables, the home directory and the OS family. Passed in
 * explicitly, so an embedding service can discover keys from a map of its own instead of its process
 * environment, and tests need no global state.
 */
public record Environment(Map<String, String> variables, Path home, String osName) {

    public Environment {
        variables = Map.copyOf(variables);
        osName = osName == null ? "" : osName;
    }

    /**
     * The current process's environment, home directory and OS. The home directory is {@code $HOME}
     * ({@code %USERPROFILE%} on Windows), as Go's {@code os.UserHomeDir} and therefore sops see it, not the
     * JVM's {@code user.home}, which comes from the password database.
     */
    public static Environment system() {
        String os = System.getProperty("os.name", "");
        Map<String, String> env = System.getenv();
        String home = os.toLowerCase(Locale.ROOT).startsWith("windows") ? env.get("USERPROFILE") : env.get("HOME");
        return new Environment(env, home == null || home.isEmpty() ? null : Path.of(home), os);
    }

    /** An environment with only these variables (and no home directory unless given). */
    public static Environment of(Map<String, String> variables) {
        return new Environment(variables, null, System.getProperty("os.name", ""));
    }

    /** A variable counts when it is set, even to the empty string, as sops's {@code os.LookupEnv}. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public Optional<Path> homeDirectory() {
        return Optional.ofNullable(home);
    }

    boolean isMac() {
        return osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    boolean isWindows() {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * sops's config directory for {@code sops/age/keys.txt}: Go's {@code os.UserConfigDir}, except that on
     * macOS a set {@code XDG_CONFIG_HOME} wins.
     */
    public Optional<Path> userConfigDir() {
        if (isWindows()) {
            return get("AppData").filter(s -> !s.isEmpty()).map(Path::of);
        }
        if (isMac()) {
            Optional<String> xdg = get("XDG_CONFIG_HOME").filter(s -> !s.isEmpty());
            if (xdg.isPresent()) {
                return xdg.map(Path::of);
            }
            return homeDirectory().map(h -> h.resolve("Library").resolve("Application Support"));
        }
        Optional<String> xdg = get("XDG_CONFIG_HOME").filter(s -> !s.isEmpty());
        if (xdg.isPresent()) {
            Path p = Path.of(xdg.get());
            // Go refuses a relative XDG_CONFIG_HOME.
            return p.isAbsolute() ? Optional.of(p) : Optional.empty();
        }
        return homeDirectory().map(h -> h.resolve(".config"));
    }
}
