package com.productflow.extract.load;

import java.nio.file.Path;

/**
 * What a load did. {@code rows} data records were read; {@code rejected} of them were invalid and
 * went to {@code rejectsFile} (null when there were none); {@code duplicates} repeated an EAN seen
 * earlier in the same file and replaced it (last wins); {@code loaded} distinct products were written.
 * So {@code rows = loaded + rejected + duplicates}.
 */
public record LoadResult(long rows, long loaded, long rejected, long duplicates, Path rejectsFile) {}
