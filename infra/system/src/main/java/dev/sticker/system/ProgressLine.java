package dev.sticker.system;

import java.io.PrintWriter;

/**
 * Progress on the terminal: log lines as they come and, on a TTY, a spinner with the current state on the last
 * line. Without a TTY only the lines are printed.
 */
final class ProgressLine {

    private static final String FRAMES = "|/-\\";

    private final PrintWriter out;
    private final boolean interactive;
    private int frame;
    private String state = "";

    ProgressLine(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    void line(String text) {
        clear();
        out.println(text);
        redraw();
    }

    /** Shows a new state: printed as a line when it changes without a TTY, on the spinner line with one. */
    void state(String newState) {
        if (!interactive && !newState.equals(state)) {
            out.println(newState);
        }
        state = newState;
        redraw();
    }

    void tick() {
        frame++;
        redraw();
    }

    void done() {
        clear();
    }

    private void redraw() {
        if (interactive && !state.isEmpty()) {
            out.print("\r" + FRAMES.charAt(frame % FRAMES.length()) + " " + state + "\u001b[K");
            out.flush();
        }
    }

    private void clear() {
        if (interactive) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
