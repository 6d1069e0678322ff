package com.productflow.local.chaos;

import com.productflow.storage.TransferOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a campaign will do, all drawn from its seed: the files (which are large, which malformed, their content)
 * and the kills (the phase each aims at and how long after its round starts it is armed). Only the moments the
 * phases are observed depend on the system's timing.
 *
 * @param files the files in upload order
 * @param kills the kills in order; round {@code i} ends with kill {@code i}, the last round with none
 */
public record ChaosPlan(long seed, List<InputFile> files, List<PlannedKill> kills) {
    /** The prefix under the template's InputPrefix ({@code incoming/}) where the campaign drops its files. */
    public static final String PREFIX = "incoming/chaos/";
    /** A large file's size: one upload part (the S3 client's multipart threshold, S3_PART_SIZE) and a bit. */
    public static final long LARGE_BYTES = TransferOptions.DEFAULT_PART_SIZE + TransferOptions.MIB;
    private static final int MAX_DELAY_MILLIS = 2_000;
    private static final int MAX_PRODUCTS = 40;

    /** A kill: the phase it waits for once armed, {@code delay} after its round started. */
    public record PlannedKill(Phase phase, Duration delay) {}

    public ChaosPlan {
        files = List.copyOf(files);
        kills = List.copyOf(kills);
    }

    public static ChaosPlan of(int fileCount, int killCount, long seed) {
        Random random = new Random(seed);
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < killCount; i++) {
            phases.add(Phase.values()[i % Phase.values().length]);
        }
        Collections.shuffle(phases, random);
        // The first extract publishes the whole selection; later ones find nothing new. Aim the first kill at it.
        int extract = phases.indexOf(Phase.EXTRACT);
        if (extract > 0) {
            Collections.swap(phases, 0, extract);
        }
        List<PlannedKill> kills = new ArrayList<>();
        for (Phase phase : phases) {
            kills.add(new PlannedKill(phase, Duration.ofMillis(random.nextInt(MAX_DELAY_MILLIS))));
        }
        long uploadKills = phases.stream().filter(p -> p == Phase.UPLOAD).count();
        int malformed = fileCount < 2 ? 0 : Math.max(1, fileCount / 10);
        // Enough large files for every kill aimed at an upload to find one, and one in 25 anyway.
        int large = (int) Math.min(fileCount - malformed, Math.max(uploadKills, Math.max(1, (fileCount + 24) / 25)));
        List<InputFile.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            kinds.add(i < malformed ? InputFile.Kind.MALFORMED : i < malformed + large ? InputFile.Kind.LARGE : InputFile.Kind.SMALL);
        }
        Collections.shuffle(kinds, random);
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            InputFile.Kind kind = kinds.get(i);
            long size = kind == InputFile.Kind.LARGE ? LARGE_BYTES : 1 + random.nextInt(MAX_PRODUCTS);
            files.add(new InputFile(String.format("%sf%05d.json", PREFIX, i), kind, random.nextLong(), size));
        }
        return new ChaosPlan(seed, files, kills);
    }
}
