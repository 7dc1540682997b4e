package dev.xreg.storage;

/**
 * What a read of one Resource needs, read together in one statement and so in one snapshot
 * (issue 15, R1-miss/R2): its meta row, one of its Versions (the one asked for, or the default
 * Version the meta names; null when there is no such row) and how many Versions it has.
 */
public record ResourceRows(StoredEntity meta, StoredEntity version, long versions) {
}
