package io.nextops.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link MemoryLog} that keeps every line, for assertions. */
final class RecordingLog implements MemoryLog {
    record Line(Level level, String message) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final Level minimum;

    RecordingLog() {
        this(Level.INFO);
    }

    /** Records only lines at or above {@code minimum}, like a configured logger. */
    RecordingLog(Level minimum) {
        this.minimum = minimum;
    }

    @Override
    public boolean isEnabled(Level level) {
        return level.compareTo(minimum) >= 0;
    }

    @Override
    public synchronized void log(Level level, String message) {
        if (isEnabled(level)) {
            lines.add(new Line(level, message));
        }
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> messages(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::message).collect(Collectors.toList());
    }
}
