package dev.surge.web.internal;

/** The seams lent so far (see {@link Lending}); each is set once, by its lending package's class initializer. */
final class Lent {
    static volatile ContextAccess context;
    static volatile OverloadAccess overload;
    static volatile FilesAccess files;

    private Lent() {
    }
}
