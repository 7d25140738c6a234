package dev.jsops.age;

import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The post-quantum hybrid KEM age 1.3 uses: HPKE base mode with MLKEM768-X25519 (X-Wing, KEM 0x647a),
 * HKDF-SHA-256 and ChaCha20-Poly1305, info {@code age-encryption.org/mlkem768x25519}. BouncyCastle
 * implements that exact suite, including the 32-byte seed form of the private key.
 */
final class Hybrid {
    static final String STANZA_TYPE = "mlkem768x25519";
    static final byte[] INFO = Primitives.ascii("age-encryption.org/mlkem768x25519");
    static final int SEED_SIZE = 32;
    static final int PUBLIC_KEY_SIZE = 1184 + 32;
    static final int ENC_SIZE = 1088 + 32;

    private Hybrid() {
    }

    /** HPKE objects are cheap and not documented as thread-safe, so each operation gets its own. */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_MLKEM768_X25519, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }
}
