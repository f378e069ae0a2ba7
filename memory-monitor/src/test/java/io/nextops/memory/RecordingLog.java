package io.nextops.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link MemoryLog} that keeps every line, for assertions. */
final class RecordingLog implements MemoryLog {
    record Line(Level level, String message) {
    }

    private final List<Line> lines = new ArrayList<>();

    @Override
    public boolean isEnabled(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, String message) {
        lines.add(new Line(level, message));
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> messages(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::message).collect(Collectors.toList());
    }
}
