package com.productflow.storage;

import java.util.List;
import java.util.Optional;

/** One page of a listing: the objects (key, entity tag, size) and the token of the next page, empty on the last. */
public record ObjectListing(List<Entry> objects, Optional<String> nextToken) {
    public ObjectListing {
        objects = List.copyOf(objects);
    }

    /** One listed object; the entity tag without quotes. */
    public record Entry(String key, String eTag, long size) {}
}
