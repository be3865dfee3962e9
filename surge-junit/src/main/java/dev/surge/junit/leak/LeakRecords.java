package dev.surge.junit.leak;

/**
 * Reading Netty's leak records: the text a tracker keeps of where its resource was created
 * ("Created at:") and last accessed ("#1:", "#2:"), one stack frame per tab-indented line.
 */
public final class LeakRecords {
    private LeakRecords() {
    }

    /** The "Created at:" section: the same for every report of one allocation. */
    static String creation(String records) {
        int at = records.lastIndexOf("Created at:");
        return at < 0 ? records : records.substring(at);
    }

    /**
     * The records without the frames below the test method: once a section reaches JUnit's own
     * frames, the rest of it is the same for every test and only hides the next section.
     */
    public static String trimmed(String records, String indent) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : records.strip().split("\\R")) {
            boolean frame = line.startsWith("\t");
            if (!frame) {
                skipping = false;
            } else if (skipping) {
                continue;
            } else if (line.contains("org.junit.")) {
                skipping = true;
                line = "\t...";
            }
            out.append(indent).append(frame ? "    " + line.strip() : line).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
