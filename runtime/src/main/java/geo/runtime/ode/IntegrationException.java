package geo.runtime.ode;

import java.util.Locale;

/**
 * An integration that could not be completed. The message says what happened, at which time,
 * in which state and after how many steps; the same facts are available as fields so
 * that callers (batch solvers, shooting methods) can react without parsing text.
 */
public final class IntegrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an integration stopped. */
    public enum Reason {
        /** The state or a derivative became NaN or infinite. */
        NOT_FINITE("the state or its derivative is not finite"),
        /** The largest component of the state exceeded the configured bound. */
        BLOW_UP("the state blew up"),
        /** The position left the model's declared domain. */
        LEFT_DOMAIN("the path left the domain"),
        /** The configured maximum number of steps was reached before the final time. */
        TOO_MANY_STEPS("too many steps"),
        /** The adaptive step size fell below its minimum (or below the resolution of t). */
        STEP_SIZE_UNDERFLOW("the step size underflowed"),
        /** A kernel threw an ArithmeticException (e.g. a metric that is not positive definite there). */
        KERNEL_FAILED("the model's kernel failed");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** A short phrase for messages. */
        public String text() {
            return text;
        }
    }

    private final Reason reason;
    private final double time;
    private final double[] state;
    private final int steps;

    /**
     * @param reason what went wrong
     * @param detail extra facts for the message (a bound, a domain, a step size); may be empty
     * @param time   the time at which it was detected
     * @param state  the state at that time (copied)
     * @param steps  the number of steps completed up to it (including a step at whose end it was detected)
     */
    public IntegrationException(Reason reason, String detail, double time, double[] state, int steps) {
        this(reason, detail, time, state, steps, null);
    }

    /** As the other constructor, with the exception that caused the failure (may be null). */
    public IntegrationException(Reason reason, String detail, double time, double[] state, int steps,
                                Throwable cause) {
        super(message(reason, detail, time, state, steps), cause);
        this.reason = reason;
        this.time = time;
        this.state = state.clone();
        this.steps = steps;
    }

    public Reason reason() {
        return reason;
    }

    /** The time at which the failure was detected. */
    public double time() {
        return time;
    }

    /** A copy of the state at {@link #time()}. */
    public double[] state() {
        return state.clone();
    }

    /** The number of steps completed up to the failure (including a step at whose end it was detected). */
    public int steps() {
        return steps;
    }

    private static String message(Reason reason, String detail, double time, double[] state, int steps) {
        StringBuilder b = new StringBuilder("integration failed: ").append(reason.text());
        if (!detail.isEmpty()) {
            b.append(" (").append(detail).append(')');
        }
        b.append(" at t = ").append(format(time)).append(" after ").append(steps)
                .append(steps == 1 ? " step" : " steps").append("; state = ").append(format(state));
        return b.toString();
    }

    /** A number for messages: enough digits to locate the problem, not the full 17. */
    static String format(double x) {
        return String.format(Locale.ROOT, "%.9g", x);
    }

    /** An array for messages, abbreviated after 12 entries so that large states stay readable. */
    static String format(double[] y) {
        StringBuilder b = new StringBuilder("[");
        int shown = Math.min(y.length, 12);
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : ", ").append(format(y[i]));
        }
        if (shown < y.length) {
            b.append(", ... (").append(y.length).append(" values)");
        }
        return b.append(']').toString();
    }
}
