package dev.jsops.flux;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.jsops.age.Identity;

/**
 * The {@code sops-age} Secret of Flux's SOPS guide, byte for byte as
 * {@code kubectl create secret generic NAME --namespace=NAMESPACE --from-file=age.agekey=FILE --dry-run=client -o yaml}
 * prints it with kubectl 1.33 and later (checked against kubectl v1.37.2's source): keys sorted, 2-space indent, no
 * {@code type} (generic), and no {@code creationTimestamp} (kubectl up to 1.32 printed
 * {@code creationTimestamp: null}; Kubernetes 1.33 stopped serialising the zero timestamp).
 *
 * <pre>
 * apiVersion: v1
 * data:
 *   age.agekey: QUdFLVNFQ1JFVC1LRVktMV...
 * kind: Secret
 * metadata:
 *   name: sops-age
 *   namespace: flux-system
 * </pre>
 */
public final class AgeSecretManifest {
    public static final String DEFAULT_NAME = "sops-age";
    public static final String DEFAULT_NAMESPACE = "flux-system";
    /** The entry name of the guide; Flux imports any entry ending in {@code .agekey}. */
    public static final String ENTRY = "age.agekey";

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** Plain scalars go-yaml v2 (kubectl's printer) would read back as something other than a string. */
    private static final Set<String> V2_WORDS = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true",
            "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "");
    private static final Pattern V2_NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
            + "|[-+]?0x[0-9a-fA-F]+|[-+]?0o[0-7]+|[-+]?0b[01]+");

    private AgeSecretManifest() {
    }

    /**
     * The manifest for a key file. The file must hold at least one age identity as Flux reads {@code *.agekey}
     * entries (one per line, comments and blank lines allowed), and no line Flux would reject; the name must be a
     * DNS subdomain and the namespace a DNS label, as the API server requires. Errors never quote the key file.
     */
    public static byte[] render(String name, String namespace, byte[] keyFile) throws FluxException {
        return render(name, namespace, keyFile, false);
    }

    /**
     * The same; with {@code creationTimestampNull} the manifest has the {@code creationTimestamp: null} line that
     * kubectl 1.32 and earlier print.
     */
    public static byte[] render(String name, String namespace, byte[] keyFile, boolean creationTimestampNull)
            throws FluxException {
        if (name == null || name.isEmpty() || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new FluxException("invalid Secret name \"" + name + "\": it must be a lower-case DNS subdomain");
        }
        if (namespace == null || namespace.isEmpty() || namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw new FluxException("invalid namespace \"" + namespace + "\": it must be a lower-case DNS label");
        }
        List<Identity> ids;
        try {
            ids = AgeKeyEntry.parse(keyFile);
        } catch (GoError e) {
            throw new FluxException("the key file cannot be imported by Flux: " + e.getMessage());
        }
        if (ids.isEmpty()) {
            throw new FluxException("the key file holds no age identity");
        }
        if (ids.stream().allMatch(i -> i instanceof AgeKeyEntry.PluginIdentity)) {
            throw new FluxException("the key file holds only age plugin identities, which Flux cannot use (its image has no plugins)");
        }
        String yaml = "apiVersion: v1\n"
                + "data:\n"
                + "  " + ENTRY + ": " + scalar(GoBase64.encode(keyFile)) + "\n"
                + "kind: Secret\n"
                + "metadata:\n"
                + (creationTimestampNull ? "  creationTimestamp: null\n" : "")
                + "  name: " + scalar(name) + "\n"
                + "  namespace: " + scalar(namespace) + "\n";
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    /** A string as go-yaml v2 writes it: plain, or double-quoted when plain would read back as another type. */
    static String scalar(String s) {
        return V2_WORDS.contains(s) || V2_NUMBER.matcher(s).matches() ? "\"" + s + "\"" : s;
    }
}
