package dev.surge.http.routing;

import dev.surge.http.routing.RoutePattern.Literal;
import dev.surge.http.routing.RoutePattern.Param;
import dev.surge.http.routing.RoutePattern.Wildcard;

import java.util.Arrays;

/**
 * One method's routes that have a parameter or a wildcard, as a radix tree: literal text with
 * common prefixes shared, a child found by its first character, and beside the literal children at
 * most one parameter child and one wildcard route per node.
 * <p>
 * Lookup walks the path depth first, trying at each node the literal child, then the
 * parameter, then the wildcard, and backs out of a branch that dead-ends: with
 * {@code /users/me/settings} and {@code /users/{id}/posts}, {@code /users/me/posts} fails
 * under "me" and then matches the parameter.
 * <p>
 * Built whole by {@link RouteTable.Builder#build()} and never changed after; the table's
 * final field publishes it to every thread.
 */
final class RouteTree<T> {
    private final Node<T> root = new Node<>("");

    /** Adds a route; the builder has already refused a second route of the same shape. */
    void add(RouteEntry<T> route) {
        Node<T> node = root;
        for (RoutePattern.Part part : route.pattern().parts()) {
            switch (part) {
                case Literal literal -> node = insertLiteral(node, literal.text());
                case Param ignored -> {
                    if (node.param == null) {
                        node.param = new Node<>("");
                    }
                    node = node.param;
                }
                case Wildcard ignored -> {
                    claim(node.wildcard, route);
                    node.wildcard = route;
                    return;
                }
            }
        }
        claim(node.route, route);
        node.route = route;
    }

    private static void claim(RouteEntry<?> holder, RouteEntry<?> route) {
        if (holder != null) {
            throw new IllegalStateException("route " + route + " lands where " + holder + " is");
        }
    }

    /** The node where {@code text} ends, splitting a child whose prefix only partly agrees. */
    private static <T> Node<T> insertLiteral(Node<T> node, String text) {
        int at = 0;
        while (at < text.length()) {
            int index = node.childIndex(text.charAt(at));
            if (index < 0) {
                Node<T> leaf = new Node<>(text.substring(at));
                node.addChild(leaf);
                return leaf;
            }
            Node<T> child = node.children[index];
            int common = 0;
            while (common < child.prefix.length() && at + common < text.length()
                    && child.prefix.charAt(common) == text.charAt(at + common)) {
                common++;
            }
            if (common < child.prefix.length()) {
                Node<T> head = new Node<>(child.prefix.substring(0, common));
                child.prefix = child.prefix.substring(common);
                head.addChild(child);
                node.children[index] = head;
                child = head;
            }
            at += common;
            node = child;
        }
        return node;
    }

    /** The route that {@code path} (raw, still percent-encoded) matches, with its values, or null. */
    RouteTable.Match<T> find(String path) {
        return match(root, path, 0, 0);
    }

    /**
     * Matches what follows {@code node}'s own text, from {@code at}; {@code params} is how many
     * parameters the branch has taken, which is also the index of the next one. Values are
     * filled in on the way back out, so a branch that fails costs no String.
     */
    private static <T> RouteTable.Match<T> match(Node<T> node, String path, int at, int params) {
        if (at == path.length()) {
            if (node.route != null) {
                return new RouteTable.Match<>(node.route, new String[params]);
            }
            return node.wildcard == null ? null : wildcard(node.wildcard, path, at, params);
        }
        int index = node.childIndex(path.charAt(at));
        if (index >= 0) {
            Node<T> child = node.children[index];
            if (path.startsWith(child.prefix, at)) {
                RouteTable.Match<T> match = match(child, path, at + child.prefix.length(), params);
                if (match != null) {
                    return match;
                }
            }
        }
        if (node.param != null) {
            int end = path.indexOf('/', at);
            end = end < 0 ? path.length() : end;
            if (end > at) {
                RouteTable.Match<T> match = match(node.param, path, end, params + 1);
                if (match != null) {
                    match.values[params] = path.substring(at, end);
                    return match;
                }
            }
        }
        return node.wildcard == null ? null : wildcard(node.wildcard, path, at, params);
    }

    private static <T> RouteTable.Match<T> wildcard(RouteEntry<T> route, String path, int at, int params) {
        String[] values = new String[params + 1];
        values[params] = path.substring(at);
        return new RouteTable.Match<>(route, values);
    }

    /**
     * Literal text, then what may follow it. A parameter node has no text of its own: the
     * segment it takes is decided while matching.
     */
    private static final class Node<T> {
        private static final char[] NO_CHARS = new char[0];

        String prefix;
        /** The first character of each literal child, at the child's index. */
        char[] firstChars = NO_CHARS;
        Node<T>[] children = newArray(0);
        Node<T> param;
        /** The route whose pattern ends right here. */
        RouteEntry<T> route;
        /** The route whose pattern ends in '*' right here. */
        RouteEntry<T> wildcard;

        Node(String prefix) {
            this.prefix = prefix;
        }

        /** A short scan: a node has at most one child per character that can follow it. */
        int childIndex(char first) {
            for (int i = 0; i < firstChars.length; i++) {
                if (firstChars[i] == first) {
                    return i;
                }
            }
            return -1;
        }

        void addChild(Node<T> child) {
            firstChars = Arrays.copyOf(firstChars, firstChars.length + 1);
            firstChars[firstChars.length - 1] = child.prefix.charAt(0);
            Node<T>[] grown = newArray(children.length + 1);
            System.arraycopy(children, 0, grown, 0, children.length);
            grown[children.length] = child;
            children = grown;
        }

        @SuppressWarnings("unchecked")
        private static <T> Node<T>[] newArray(int length) {
            return (Node<T>[]) new Node<?>[length];
        }
    }
}
