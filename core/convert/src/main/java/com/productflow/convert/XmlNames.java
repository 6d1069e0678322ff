package com.productflow.convert;

/**
 * Which JSON keys may become XML element names as they are.
 *
 * <p>The rule is deliberately narrower than XML 1.0 (5th edition): a key is used verbatim only when it
 * is an ASCII name, {@code [A-Za-z_][A-Za-z0-9_.-]*}, and does not start with {@code xml} in any case
 * (reserved by the XML spec). Such names are valid under every edition of XML 1.0 and in every parser
 * downstream, whereas non-ASCII name characters differ between editions (the JDK's own parser still
 * follows the older tables). Every other key is written as a fixed element carrying the original key
 * in an attribute (see {@link MappingProfile}), so nothing is lost.
 */
public final class XmlNames {
    private XmlNames() {}

    public static boolean isPortableName(CharSequence name) {
        int length = name.length();
        if (length == 0 || !isStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            if (!isPart(name.charAt(i))) {
                return false;
            }
        }
        return !(length >= 3
                && (name.charAt(0) | 0x20) == 'x'
                && (name.charAt(1) | 0x20) == 'm'
                && (name.charAt(2) | 0x20) == 'l');
    }

    private static boolean isStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isPart(char c) {
        return isStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
}
