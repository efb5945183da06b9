package geo.compiler.interp;

import geo.compiler.ir.Symbol;

/**
 * Values of the symbols at one point: arrays for coordinates, velocities, parameters θ and loss
 * inputs, indexed by {@link Symbol#index()}, and the time. The arrays are held, not copied, so
 * the caller may refill them between evaluations; the interpreter only reads them. Unset
 * arrays are empty. Not thread-safe.
 */
public final class Bindings {

    private static final double[] EMPTY = new double[0];

    private double[] coords = EMPTY;
    private double[] velocities = EMPTY;
    private double time;
    private double[] params = EMPTY;
    private double[] inputs = EMPTY;

    /** Binds the coordinates x (held, not copied); returns this. */
    public Bindings coords(double... x) {
        coords = x;
        return this;
    }

    /** Binds the velocities v (held, not copied); returns this. */
    public Bindings velocities(double... v) {
        velocities = v;
        return this;
    }

    /** Binds the time t; returns this. */
    public Bindings time(double t) {
        time = t;
        return this;
    }

    /** Binds the flat parameter vector θ (held, not copied); returns this. */
    public Bindings params(double... theta) {
        params = theta;
        return this;
    }

    /** Binds the loss inputs (held, not copied); returns this. */
    public Bindings inputs(double... in) {
        inputs = in;
        return this;
    }

    /** The value of {@code s} at this point. */
    public double valueOf(Symbol s) {
        return read(s.kind(), s.index());
    }

    /** Length of the array bound for a kind (1 for time, which is always bound). */
    int length(Symbol.Kind kind) {
        return switch (kind) {
            case COORD -> coords.length;
            case VELOCITY -> velocities.length;
            case TIME -> 1;
            case PARAM -> params.length;
            case INPUT -> inputs.length;
        };
    }

    double read(Symbol.Kind kind, int index) {
        return switch (kind) {
            case COORD -> coords[index];
            case VELOCITY -> velocities[index];
            case TIME -> time;
            case PARAM -> params[index];
            case INPUT -> inputs[index];
        };
    }
}
