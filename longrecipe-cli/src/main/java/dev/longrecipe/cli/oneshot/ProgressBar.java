package dev.longrecipe.cli.oneshot;

import java.io.PrintWriter;

/**
 * The one-line progress bar every one-shot command draws on stderr: {@code \r[#####.....] 42% message}. It redraws
 * when the percentage or the message changes, at most every {@value #MIN_REDRAW_MILLIS} ms for message-only changes
 * below 100 % (the last message always shows), so a stage that reports per tensor or per batch does not flood a log file. {@link #println} puts a line above the
 * bar (the trainer's step lines); {@link #finish} ends the bar's line.
 */
public final class ProgressBar {
    static final int WIDTH = 20;
    static final int MAX_MESSAGE = 70;
    static final long MIN_REDRAW_MILLIS = 200;

    private final PrintWriter err;
    private int percent = -1;
    private String message = "";
    private int drawnLength;
    private long lastDrawNanos;

    public ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** @param fraction done so far, 0–1 (clamped); @param message what is happening now */
    public synchronized void update(double fraction, String message) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        int p = (int) Math.floor(f * 100);
        String m = message == null ? "" : message;
        long now = System.nanoTime();
        boolean due = (now - lastDrawNanos) / 1_000_000 >= MIN_REDRAW_MILLIS;
        if (p == percent && (m.equals(this.message) || !due && p < 100)) {
            return;
        }
        percent = p;
        this.message = m;
        lastDrawNanos = now;
        draw();
    }

    /** A whole line above the bar; the bar is drawn again below it. */
    public synchronized void println(String line) {
        clear();
        err.println(line);
        if (percent >= 0) {
            draw();
        } else {
            err.flush();
        }
    }

    /** Ends the bar's line (call once the stage is done or failed). */
    public synchronized void finish() {
        if (drawnLength > 0) {
            err.println();
            err.flush();
            drawnLength = 0;
        }
        percent = -1;
        message = "";
    }

    /** {@code [#####.....] 42% message} for a percentage 0–100. */
    static String render(int percent, String message) {
        int filled = percent * WIDTH / 100;
        String m = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent)
                + (m.isEmpty() ? "" : " " + m);
    }

    private void draw() {
        String text = render(percent, message);
        // pad over the tail of a longer previous line
        err.print("\r" + text + " ".repeat(Math.max(0, drawnLength - text.length())));
        err.flush();
        drawnLength = text.length();
    }

    private void clear() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
        }
    }
}
