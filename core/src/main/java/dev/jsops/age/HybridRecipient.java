package dev.jsops.age;

import java.util.List;
import java.util.Set;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/** The post-quantum hybrid public key, {@code age1pq1…}. Can only be mixed with other post-quantum recipients. */
public final class HybridRecipient implements Recipient {
    private final byte[] publicKey;

    HybridRecipient(byte[] publicKey) {
        this.publicKey = publicKey.clone();
    }

    public static HybridRecipient parse(String s) throws AgeException.MalformedKey {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.MalformedKey("malformed recipient \"" + abbreviate(s) + "\": " + e.getMessage());
        }
        if (!d.hrp().equals("age1pq")) {
            throw new AgeException.MalformedKey("malformed recipient \"" + abbreviate(s) + "\": invalid type \"" + d.hrp() + "\"");
        }
        if (d.data().length != Hybrid.PUBLIC_KEY_SIZE) {
            throw new AgeException.MalformedKey("malformed recipient \"" + abbreviate(s) + "\": invalid MLKEM768-X25519 public key");
        }
        try {
            Hybrid.hpke().deserializePublicKey(d.data());
        } catch (RuntimeException e) {
            throw new AgeException.MalformedKey("malformed recipient \"" + abbreviate(s) + "\": invalid MLKEM768-X25519 public key");
        }
        return new HybridRecipient(d.data());
    }

    /** Post-quantum keys are 1,960 characters; error messages show the start only. */
    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws AgeException {
        HPKE hpke = Hybrid.hpke();
        AsymmetricKeyParameter pk = hpke.deserializePublicKey(publicKey);
        HPKEContextWithEncapsulation ctx = hpke.setupBaseS(pk, Hybrid.INFO);
        byte[] body;
        try {
            body = ctx.seal(new byte[0], fileKey);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
        return List.of(new Stanza(Hybrid.STANZA_TYPE, List.of(HeaderBase64.encode(ctx.getEncapsulation())), body));
    }

    @Override
    public Set<String> labels() {
        return Set.of("postquantum");
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        return Bech32.encode("age1pq", publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridRecipient r && java.util.Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }
}
