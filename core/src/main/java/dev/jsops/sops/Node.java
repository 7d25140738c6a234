package dev.jsops.sops;

/** An element of a sequence: a value or a comment line standing between values. */
public sealed interface Node permits Value, Comment {
}
