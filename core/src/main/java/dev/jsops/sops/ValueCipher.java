package dev.jsops.sops;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The value cipher of sops ({@code aes/cipher.go}): each leaf becomes
 * {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}, AES-256-GCM under the data key with a 32-byte IV and
 * the key path as associated data.
 *
 * <p>Like sops, an instance remembers the IV of every value it decrypted, keyed by the typed plaintext and
 * the path; encrypting the same value at the same path again reuses it, so re-encrypting an unchanged file
 * changes only what changed. An instance is bound to one data key and is not thread-safe.
 *
 * <p>GCM runs on BouncyCastle's lightweight classes: sops files hold short values, and initialising the JCE
 * provider for them would cost a short CLI run more than all of its encryption.
 */
public final class ValueCipher {
    static final int IV_SIZE = 32;
    private static final int TAG_SIZE = 16;
    private static final String PREFIX = "ENC[AES256_GCM,data:";
    /** Created on first use: decryption never needs randomness, and SecureRandom's set-up costs a CLI run. */
    private static final class Rng {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private final KeyParameter key;
    private final Map<StashKey, byte[]> stash = new HashMap<>();
    private GCMModeCipher encryptor;
    private GCMModeCipher decryptor;
    private byte[] lastEncryptIv;

    /** A plaintext and where it sits; equal keys reuse an IV. */
    private record StashKey(Node plaintext, String aad) {
    }

    public ValueCipher(byte[] dataKey) {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("data key must be 32 bytes");
        }
        this.key = new KeyParameter(dataKey);
    }

    /**
     * GCM over AES-256. One instance per direction, re-initialised per value with the key left out: the AES key
     * schedule and GHASH tables are then computed once per data key instead of once per value, which is most of
     * the cost of a short value. BouncyCastle refuses the same nonce twice in a row for encryption, and sops
     * re-uses IVs of unchanged values on purpose, so that case gets a fresh instance.
     */
    private GCMModeCipher gcm(boolean encrypt, byte[] iv, String aad) {
        byte[] ad = aad.getBytes(StandardCharsets.UTF_8);
        if (encrypt) {
            boolean fresh = encryptor == null || Arrays.equals(iv, lastEncryptIv);
            encryptor = init(fresh ? null : encryptor, true, iv, ad);
            lastEncryptIv = iv.clone();
            return encryptor;
        }
        decryptor = init(decryptor, false, iv, ad);
        return decryptor;
    }

    private GCMModeCipher init(GCMModeCipher reuse, boolean encrypt, byte[] iv, byte[] ad) {
        if (reuse != null) {
            reuse.init(encrypt, new AEADParameters(null, TAG_SIZE * 8, iv, ad));
            return reuse;
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(key, TAG_SIZE * 8, iv, ad));
        return gcm;
    }

    /** Whether a string has the shape of an encrypted value. */
    public static boolean isEncrypted(String s) {
        return s.startsWith(PREFIX);
    }

    /**
     * Encrypts a leaf (a scalar or a comment). Empty strings and empty comments are never encrypted: they
     * come back as the empty string.
     */
    public String encrypt(Node plaintext, String aad) throws SopsException {
        String type;
        byte[] bytes;
        if (plaintext instanceof Comment c) {
            if (c.text().isEmpty()) {
                return "";
            }
            type = "comment";
            bytes = c.text().getBytes(StandardCharsets.UTF_8);
        } else if (plaintext instanceof Value.Str s) {
            if (s.value().isEmpty()) {
                return "";
            }
            type = "str";
            bytes = s.value().getBytes(StandardCharsets.UTF_8);
        } else if (plaintext instanceof Value.Bytes b) {
            if (b.value().length == 0) {
                return "";
            }
            type = "str";
            bytes = b.value();
        } else if (plaintext instanceof Value.Int i) {
            type = "int";
            bytes = Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
        } else if (plaintext instanceof Value.Float f) {
            type = "float";
            bytes = GoFloat.format(f.value(), 'f').getBytes(StandardCharsets.US_ASCII);
        } else if (plaintext instanceof Value.Bool b) {
            type = "bool";
            bytes = (b.value() ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
        } else if (plaintext instanceof Value.Time t) {
            type = "time";
            bytes = GoTime.formatRfc3339Nano(t.value()).getBytes(StandardCharsets.US_ASCII);
        } else {
            throw new SopsException(ExitCode.ERROR_ENCRYPTING_TREE,
                    "Value to encrypt has unsupported type " + GoTypes.name(plaintext));
        }
        // Bytes are stashed as the string sops would hold, so that binary and string values match alike.
        Node stashed = plaintext instanceof Value.Bytes ? new Value.Bytes(bytes) : plaintext;
        byte[] iv = stash.get(new StashKey(stashed, aad));
        if (iv == null) {
            iv = new byte[IV_SIZE];
            Rng.INSTANCE.nextBytes(iv);
        }
        byte[] out;
        try {
            GCMModeCipher c = gcm(true, iv, aad);
            out = new byte[c.getOutputSize(bytes.length)];
            int n = c.processBytes(bytes, 0, bytes.length, out, 0);
            c.doFinal(out, n);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new SopsException(ExitCode.ERROR_ENCRYPTING_TREE, "Could not encrypt value: " + e.getClass().getSimpleName());
        } finally {
            if (plaintext instanceof Value.Bytes) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + b64.encodeToString(Arrays.copyOf(out, out.length - TAG_SIZE))
                + ",iv:" + b64.encodeToString(iv)
                + ",tag:" + b64.encodeToString(Arrays.copyOfRange(out, out.length - TAG_SIZE, out.length))
                + ",type:" + type + "]";
    }

    /**
     * Decrypts an ENC string; the empty string decrypts to itself. The result is a {@link Value} or, for
     * {@code type:comment}, a {@link Comment}. Errors name nothing secret: no value, no ciphertext.
     */
    public Node decrypt(String ciphertext, String aad) throws DecryptionException {
        if (ciphertext.isEmpty()) {
            return new Value.Str("");
        }
        Parsed p = parse(ciphertext);
        byte[] plain;
        try {
            // Any IV length is accepted, like Go's NewGCMWithNonceSize on the decrypt side.
            GCMModeCipher c = gcm(false, p.iv, aad);
            byte[] in = new byte[p.data.length + p.tag.length];
            System.arraycopy(p.data, 0, in, 0, p.data.length);
            System.arraycopy(p.tag, 0, in, p.data.length, p.tag.length);
            plain = new byte[c.getOutputSize(in.length)];
            int n = c.processBytes(in, 0, in.length, plain, 0);
            n += c.doFinal(plain, n);
            if (n != plain.length) {
                plain = Arrays.copyOf(plain, n);
            }
        } catch (InvalidCipherTextException e) {
            throw new DecryptionException("Could not decrypt with AES_GCM: cipher: message authentication failed");
        } catch (RuntimeException e) {
            throw new DecryptionException("Could not decrypt with AES_GCM: " + e.getClass().getSimpleName());
        }
        Node value;
        String text = new String(plain, StandardCharsets.UTF_8);
        try {
            value = switch (p.type) {
                case "str" -> Value.ofBytes(plain);
                case "bytes" -> Value.ofBytes(plain);
                case "int" -> new Value.Int(GoStrconv.atoi(text));
                case "float" -> new Value.Float(GoFloat.parseFloat(text));
                case "bool" -> new Value.Bool(GoStrconv.parseBool(text));
                case "time" -> new Value.Time(GoTime.parseRfc3339(text));
                case "comment" -> new Comment(text);
                default -> throw new DecryptionException("Unknown datatype: " + p.type);
            };
        } catch (IllegalArgumentException e) {
            // The plaintext is secret, so only the kind of failure is reported.
            throw new DecryptionException("decrypted value of type " + p.type + " does not parse");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        stash.put(new StashKey(value, aad), p.iv);
        return value;
    }

    /** A value that cannot be decrypted; the message never contains plaintext or ciphertext. */
    public static final class DecryptionException extends Exception {
        DecryptionException(String message) {
            super(message);
        }
    }

    private record Parsed(byte[] data, byte[] iv, byte[] tag, String type) {
    }

    /**
     * sops matches {@code ^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]} with greedy groups; base64
     * never contains {@code ,} or {@code :}, so splitting on the field markers is equivalent for every string
     * that can decrypt, and avoids a regex per value.
     */
    private static Parsed parse(String s) throws DecryptionException {
        if (!s.startsWith(PREFIX)) {
            throw new DecryptionException("Input string does not match sops' data format");
        }
        int iv = s.lastIndexOf(",iv:");
        int tag = s.lastIndexOf(",tag:");
        int type = s.lastIndexOf(",type:");
        int end = s.lastIndexOf(']');
        if (iv < PREFIX.length() + 1 || tag < iv + 5 || type < tag + 6 || end < type + 7) {
            throw new DecryptionException("Input string does not match sops' data format");
        }
        Base64.Decoder d = Base64.getDecoder();
        try {
            byte[] data = d.decode(s.substring(PREFIX.length(), iv));
            byte[] ivBytes;
            try {
                ivBytes = d.decode(s.substring(iv + 4, tag));
            } catch (IllegalArgumentException e) {
                throw new DecryptionException("Error base64-decoding iv: illegal base64 data");
            }
            byte[] tagBytes;
            try {
                tagBytes = d.decode(s.substring(tag + 5, type));
            } catch (IllegalArgumentException e) {
                throw new DecryptionException("Error base64-decoding tag: illegal base64 data");
            }
            if (ivBytes.length == 0) {
                throw new DecryptionException("Could not decrypt with AES_GCM: cipher: the nonce can't have zero length");
            }
            return new Parsed(data, ivBytes, tagBytes, s.substring(type + 6, end));
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("Error base64-decoding data: illegal base64 data");
        }
    }
}
