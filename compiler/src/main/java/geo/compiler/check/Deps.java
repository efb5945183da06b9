package geo.compiler.check;

/** Bit flags for what a value depends on; the checker uses them to enforce where names may be used. */
public final class Deps {
    public static final int NONE = 0;
    public static final int COORDS = 1;
    public static final int VELOCITY = 2;
    public static final int TIME = 4;
    public static final int PARAMS = 8;
    public static final int INPUTS = 16;

    private Deps() {
    }
}
