package dev.jsops.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ShamirTest {
    @Test
    void anyThresholdSubsetRecoversTheSecret() {
        Random rnd = new Random(7);
        for (int parts = 2; parts <= 6; parts++) {
            for (int threshold = 2; threshold <= parts; threshold++) {
                byte[] secret = new byte[32];
                rnd.nextBytes(secret);
                byte[][] shares = Shamir.split(secret, parts, threshold);
                assertEquals(33, shares[0].length);
                assertEquals(parts, shares[parts - 1][32]);
                List<byte[]> subset = new ArrayList<>(List.of(shares));
                Collections.shuffle(subset, rnd);
                assertArrayEquals(secret, Shamir.combine(subset.subList(0, threshold)));
            }
        }
    }

    @Test
    void fieldArithmetic() {
        assertEquals(0xc1, Shamir.mult(0x57, 0x83), "FIPS-197 §4.2 example");
        assertEquals(1, Shamir.mult(0x53, 0xca), "0x53 and 0xca are inverses");
    }

    @Test
    void rejectsBadParts() {
        byte[][] shares = Shamir.split(new byte[] {1, 2, 3}, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> Shamir.combine(List.of(shares[0])));
        assertThrows(IllegalArgumentException.class, () -> Shamir.combine(List.of(shares[0], shares[0])));
        assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[] {1}, 2, 3));
    }
}
