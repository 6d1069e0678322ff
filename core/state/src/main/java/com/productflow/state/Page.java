package com.productflow.state;

import java.util.List;
import java.util.Optional;

/** One page of a listing; {@code next} is an opaque cursor for the following page, empty on the last. */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }
}
