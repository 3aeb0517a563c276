package dev.heartwood.core.identity;

import java.math.BigInteger;

/** Bitcoin-alphabet base58, the encoding of multibase 'z' used by did:key. */
final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    static byte[] decode(String text) {
        BigInteger n = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a base58 character");
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = n.toByteArray();
        int signByte = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        int length = n.signum() == 0 ? 0 : magnitude.length - signByte;
        byte[] out = new byte[zeros + length];
        System.arraycopy(magnitude, signByte, out, zeros, length);
        return out;
    }
}
