package com.productflow.convert;

import java.io.ByteArrayOutputStream;

/**
 * The encoded bytes of one element, built once and reused for every occurrence: {@code <x>},
 * {@code </x>}, the empty form {@code <x/>} and the nil form {@code <x xsi:nil="true"/>}. For a key
 * that is not a portable name the tag is the profile's fixed element with the key in an attribute.
 */
final class ElementName {
    final byte[] open;
    final byte[] close;
    /** {@link #open} and {@link #close} packed into little-endian longs, for {@link XmlOutput#words}. */
    final long[] openWords;
    final long[] closeWords;
    final byte[] empty;
    final byte[] nil;

    private ElementName(String tag, byte[] attribute) {
        byte[] name = XmlOutput.utf8(tag);
        open = concat("<", name, attribute, ">");
        close = concat("</", name, null, ">");
        openWords = XmlOutput.pack(open);
        closeWords = XmlOutput.pack(close);
        empty = concat("<", name, attribute, "/>");
        nil = concat("<", name, attribute, " xsi:nil=\"true\"/>");
    }

    /** An element for a name already known to be portable (profile names). */
    static ElementName of(String tag) {
        return new ElementName(tag, null);
    }

    /** The element for a JSON key: the key itself if portable, else the invalid-key element. */
    static ElementName forKey(String key, MappingProfile profile, boolean strict) {
        if (XmlNames.isPortableName(key)) {
            return new ElementName(key, null);
        }
        ByteArrayOutputStream attribute = new ByteArrayOutputStream(key.length() + 16);
        attribute.writeBytes(XmlOutput.utf8(" " + profile.invalidKeyAttribute() + "=\""));
        attribute.writeBytes(XmlOutput.escape(key, XmlOutput.ATTRIBUTE, strict));
        attribute.write('"');
        return new ElementName(profile.invalidKeyElement(), attribute.toByteArray());
    }

    private static byte[] concat(String before, byte[] name, byte[] attribute, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(XmlOutput.utf8(before));
        out.writeBytes(name);
        if (attribute != null) {
            out.writeBytes(attribute);
        }
        out.writeBytes(XmlOutput.utf8(after));
        return out.toByteArray();
    }
}
