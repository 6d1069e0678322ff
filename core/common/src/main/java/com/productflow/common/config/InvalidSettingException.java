package com.productflow.common.config;

import com.productflow.common.BadInputException;

/** A setting is missing or has a value that cannot be used; the message names the key and where it came from. */
public final class InvalidSettingException extends BadInputException {
    private final String key;

    public InvalidSettingException(String key, String message) {
        super("setting " + key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
