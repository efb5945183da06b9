package geo.compiler.lower;

import geo.compiler.check.Shape;
import geo.compiler.ir.Node;
import java.util.Arrays;

/**
 * A value of the tensor front: a static shape and its scalar IR nodes, row-major.
 *
 * @param shape    scalar, vector or matrix
 * @param elements {@code shape.size()} nodes; element (r, c) of a matrix is {@code r * cols + c}
 */
public record Tensor(Shape shape, Node[] elements) {

    public Tensor {
        if (elements.length != shape.size()) {
            throw new IllegalArgumentException(shape + " needs " + shape.size() + " elements, got " + elements.length);
        }
    }

    public static Tensor scalar(Node n) {
        return new Tensor(Shape.SCALAR, new Node[] {n});
    }

    public static Tensor vector(Node[] elements) {
        return new Tensor(Shape.vector(elements.length), elements);
    }

    public static Tensor matrix(int rows, int cols, Node[] elements) {
        return new Tensor(Shape.matrix(rows, cols), elements);
    }

    /** The single element of a scalar. */
    public Node scalar() {
        return elements[0];
    }

    /** Element {@code i} (row-major). */
    public Node at(int i) {
        return elements[i];
    }

    /** Element (r, c) of a matrix. */
    public Node at(int r, int c) {
        return elements[r * shape.cols() + c];
    }

    public int size() {
        return elements.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.shape.equals(shape) && Arrays.equals(t.elements, elements);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(elements);
    }

    @Override
    public String toString() {
        return shape + Arrays.toString(elements);
    }
}
