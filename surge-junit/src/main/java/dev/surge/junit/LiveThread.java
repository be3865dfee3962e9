package dev.surge.junit;

import java.util.List;

/** A running thread as a census saw it: enough to name it in a failure and show where it is. */
record LiveThread(long id, String name, boolean virtual, String state, List<String> stack) {

    /** "name" (virtual, WAITING) and the top frames, one per line, indented by {@code indent}. */
    String describe(String indent, int frames) {
        StringBuilder out = new StringBuilder(indent).append('"').append(name).append("\" (")
                .append(virtual ? "virtual" : "platform").append(" thread #").append(id).append(", ")
                .append(state).append(')');
        for (int i = 0; i < Math.min(frames, stack.size()); i++) {
            out.append('\n').append(indent).append("    at ").append(stack.get(i));
        }
        if (stack.size() > frames) {
            out.append('\n').append(indent).append("    ...");
        }
        return out.toString();
    }
}
