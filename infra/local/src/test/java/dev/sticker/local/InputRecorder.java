package dev.sticker.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test scheduled handler named as Class::method, taking a map: remembers what it is given. */
public final class InputRecorder {

    static final List<Map<String, Object>> RECEIVED = new CopyOnWriteArrayList<>();

    public void record(Map<String, Object> input) {
        RECEIVED.add(input);
    }
}
