package com.productflow.convert;

/** What a JSON {@code null} becomes in the XML. */
public enum NullHandling {
    /** The element is left out (default). */
    OMIT,
    /** An empty element: {@code <color/>}. */
    EMPTY,
    /** An empty element marked {@code xsi:nil="true"}. */
    NIL
}
