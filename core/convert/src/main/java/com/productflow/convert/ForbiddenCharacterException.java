package com.productflow.convert;

/** Internal signal: strict mode met a character XML 1.0 cannot carry. The converter adds the location. */
final class ForbiddenCharacterException extends RuntimeException {
    final int codeUnit;

    ForbiddenCharacterException(int codeUnit) {
        super(String.format("character U+%04X is not allowed in XML 1.0", codeUnit), null, false, false);
        this.codeUnit = codeUnit;
    }
}
