package io.nextops.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MessageDigest helpers shared by the hasher and the result records. */
final class Digests {
    private Digests() {
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // HashingOptions checked the name already; only a provider removed at runtime gets here
            throw new IllegalStateException("MessageDigest algorithm vanished: " + algorithm, e);
        }
    }

    static boolean isLowerHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
