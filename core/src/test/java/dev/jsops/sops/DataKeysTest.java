package dev.jsops.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class DataKeysTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    /** Exactly what sops 3.13.2 printed for a file whose one age key found no matching identity. */
    @Test
    void failureReportMatchesSops() {
        String error = "failed to create reader for decrypting sops data key with age: identity did not match any of the "
                + "recipients: incorrect identity for recipient block. Did not find keys in locations "
                + "'SOPS_AGE_SSH_PRIVATE_KEY_FILE', 'SOPS_AGE_SSH_PRIVATE_KEY_CMD', '/nonexistent/.ssh/id_ed25519', "
                + "'/nonexistent/.ssh/id_rsa', 'SOPS_AGE_KEY', and 'SOPS_AGE_KEY_CMD'.";
        String recipient = "age1rmn3txp4prjvcjpym3932a50h0eew32lsce8ddax27zx3qtt79qsncygsz";
        Metadata m = new Metadata(List.of(List.of(new MasterKey.Age(recipient, "x"))), 0, EncryptionRules.DEFAULT, false, T, "", "3.13.2");
        KeyService failing = new KeyService() {
            @Override
            public byte[] decrypt(MasterKey key) throws KeyException {
                throw new KeyException(error);
            }

            @Override
            public String encrypt(MasterKey key, byte[] dataKey) {
                return "";
            }
        };
        DataKeys.DataKeyException e = assertThrows(DataKeys.DataKeyException.class,
                () -> DataKeys.recover(m, failing, DataKeys.DEFAULT_DECRYPTION_ORDER));
        String expected = """
                Failed to get the data key required to decrypt the SOPS file.

                Group 0: FAILED
                  age1rmn3txp4prjvcjpym3932a50h0eew32lsce8ddax27zx3qtt79qsncygsz: FAILED
                    - | failed to create reader for decrypting sops data key with
                      | age: identity did not match any of the recipients: incorrect
                      | identity for recipient block. Did not find keys in locations
                      | 'SOPS_AGE_SSH_PRIVATE_KEY_FILE',
                      | 'SOPS_AGE_SSH_PRIVATE_KEY_CMD',
                      | '/nonexistent/.ssh/id_ed25519', '/nonexistent/.ssh/id_rsa',
                      | 'SOPS_AGE_KEY', and 'SOPS_AGE_KEY_CMD'.

                Recovery failed because no master key was able to decrypt the file. In
                order for SOPS to recover the file, at least one key has to be successful,
                but none were.""";
        assertEquals(expected, e.getMessage());
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY, e.exitCode());
    }

    /** A fake key service that "wraps" by copying, to test the group logic on its own. */
    private static final KeyService COPY = new KeyService() {
        @Override
        public byte[] decrypt(MasterKey key) throws KeyException {
            if (key.enc().startsWith("broken")) {
                throw new KeyException("cannot");
            }
            return java.util.HexFormat.of().parseHex(key.enc());
        }

        @Override
        public String encrypt(MasterKey key, byte[] dataKey) {
            return java.util.HexFormat.of().formatHex(dataKey);
        }
    };

    @Test
    void shamirGroupsNeedTheThreshold() throws Exception {
        byte[] dataKey = DataKeys.generate();
        List<List<MasterKey>> groups = List.of(List.of(new MasterKey.Age("a", "")), List.of(new MasterKey.Age("b", "")),
                List.of(new MasterKey.Age("c", "")));
        List<List<MasterKey>> wrapped = DataKeys.wrap(dataKey, groups, 2, COPY);
        Metadata m = new Metadata(wrapped, 2, EncryptionRules.DEFAULT, false, T, "", "3.13.2");
        assertArrayEquals(dataKey, DataKeys.recover(m, COPY, DataKeys.DEFAULT_DECRYPTION_ORDER));
        List<List<MasterKey>> oneLeft = List.of(wrapped.get(0), List.of(new MasterKey.Age("b", "broken")),
                List.of(new MasterKey.Age("c", "broken")));
        DataKeys.DataKeyException e = assertThrows(DataKeys.DataKeyException.class, () -> DataKeys.recover(
                new Metadata(oneLeft, 2, EncryptionRules.DEFAULT, false, T, "", "3.13.2"), COPY, DataKeys.DEFAULT_DECRYPTION_ORDER));
        assertEquals("Error getting data key: 2 successful groups required, got 1", e.shortMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Group 0: SUCCESS"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().replace("\n", " ").contains("Shamir threshold of 2, but only 1 part(s)"));
    }

    @Test
    void decryptionOrderPutsListedTypesFirst() {
        List<MasterKey> g = List.of(new MasterKey.Pgp("p", T, ""), new MasterKey.Kms("k", "", null, T, "", ""), new MasterKey.Age("a", ""));
        assertEquals(List.of("age", "pgp", "kms"), DataKeys.ordered(g, List.of("age", "pgp")).stream().map(MasterKey::typeId).toList());
        assertEquals(List.of("kms", "pgp", "age"), DataKeys.ordered(g, List.of("kms")).stream().map(MasterKey::typeId).toList());
    }
}
