package dev.surge.web.internal;

import java.lang.invoke.MethodHandles;

/**
 * How one package of the web layer lends another what it keeps from users: the lending
 * package's class initializer registers an implementation of a seam ({@link ContextAccess},
 * {@link OverloadAccess}, {@link FilesAccess}) that reaches its package-private members, and the
 * borrowing package asks the seam for it, as the JDK's own packages share their internals
 * (jdk.internal.access.SharedSecrets). This package is not exported: users see none of it, and
 * no exported type grows a public method for another package's sake.
 */
final class Lending {
    private Lending() {
    }

    /**
     * Initializes {@code lender}, whose class initializer lends a seam: one asked for before
     * anything touched its lending package would find nothing yet.
     */
    static void initialize(Class<?> lender, String seam) {
        try {
            MethodHandles.lookup().ensureInitialized(lender);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialize " + lender.getName() + " for the " + seam + " seam", e);
        }
    }

    /** Fails a second lending, which would mean two implementations of one seam. */
    static void once(Object lent, String seam) {
        if (lent != null) {
            throw new IllegalStateException("the " + seam + " seam is lent already");
        }
    }
}
