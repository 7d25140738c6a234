package dev.jsops.verify;

/**
 * The checks of {@code jsops verify}. Ids are stable: CI configurations, SARIF consumers and allowlists refer
 * to them.
 */
public enum Rule {
    NOT_ENCRYPTED("sops/not-encrypted", Severity.ERROR,
            "A file that should be SOPS-encrypted (a creation rule matches it, or it is named *.sops.* / *.enc.*) has no SOPS metadata."),
    PLAINTEXT_VALUE("sops/plaintext-value", Severity.ERROR,
            "A value the file's own encryption rule says is encrypted is in clear text (sops will refuse to decrypt the file)."),
    MALFORMED_METADATA("sops/malformed-metadata", Severity.ERROR, "The sops metadata block cannot be read."),
    INVALID_VERSION("sops/invalid-version", Severity.ERROR,
            "The metadata version is not one the sops CLI accepts (it refuses to decrypt the file)."),
    MISSING_RECIPIENT("sops/missing-recipient", Severity.ERROR,
            "A key of the matching creation rule cannot decrypt the file (run sops updatekeys)."),
    EXTRA_RECIPIENT("sops/extra-recipient", Severity.WARNING,
            "The file is encrypted for a key the matching creation rule no longer lists (run sops updatekeys)."),
    CANNOT_DECRYPT("sops/cannot-decrypt", Severity.ERROR, "None of the given keys recovers the file's data key."),
    VALUE_CORRUPT("sops/value-corrupt", Severity.ERROR, "An encrypted value does not decrypt (tampered, or moved to another key)."),
    MAC_MISMATCH("sops/mac-mismatch", Severity.ERROR, "The file's MAC does not match its values."),
    ENCRYPTED_IDENTITY("k8s/encrypted-identity", Severity.ERROR,
            "apiVersion, kind or metadata of a Kubernetes manifest is encrypted; kustomize and Flux cannot process it."),
    STRINGDATA_NOT_STRING("k8s/stringdata-not-string", Severity.ERROR,
            "A Secret's stringData value is a number or boolean; the Kubernetes API only accepts strings."),
    INVALID_BASE64("k8s/invalid-base64", Severity.ERROR, "A Secret's data value is not valid base64."),
    UNREFERENCED("flux/unreferenced", Severity.WARNING,
            "An encrypted Kubernetes manifest that no kustomization.yaml reaches: Flux never applies it."),
    PLAINTEXT_AGE_KEY("secrets/plaintext-age-key", Severity.ERROR, "A plaintext age secret key is committed."),
    PLAINTEXT_SOPS_AGE_SECRET("secrets/plaintext-sops-age", Severity.ERROR,
            "A plaintext sops-age Secret (a Secret with a *.agekey entry) is committed."),
    ONEPASSWORD_CREDENTIALS("onepassword/credentials", Severity.ERROR,
            "The 1Password Connect 1password-credentials.json value is not base64 of a Connect credentials file."),
    ONEPASSWORD_TOKEN("onepassword/token", Severity.ERROR, "The 1Password Connect Secret has no token."),
    UNREADABLE("io/unreadable", Severity.ERROR, "A file could not be read or parsed.");

    private final String id;
    private final Severity severity;
    private final String description;

    Rule(String id, Severity severity, String description) {
        this.id = id;
        this.severity = severity;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }
}
