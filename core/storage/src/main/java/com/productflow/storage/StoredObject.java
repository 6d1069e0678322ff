package com.productflow.storage;

/** An object productflow wrote: where, how many bytes, their SHA-256 (hex, also stored as metadata), and how. */
public record StoredObject(ObjectLocation location, long size, String sha256, int parts) {}
