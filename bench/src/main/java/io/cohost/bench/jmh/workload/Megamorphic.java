package io.cohost.bench.jmh.workload;

import java.util.function.LongSupplier;

/** Interface calls over four implementations in one loop: a megamorphic call site the JIT cannot inline. */
public final class Megamorphic implements LongSupplier {
    interface Shape {
        long area();
    }

    record Square(long side) implements Shape {
        public long area() {
            return side * side;
        }
    }

    record Rect(long w, long h) implements Shape {
        public long area() {
            return w * h;
        }
    }

    record Triangle(long b, long h) implements Shape {
        public long area() {
            return b * h / 2;
        }
    }

    record Circle(long r) implements Shape {
        public long area() {
            return 3 * r * r;
        }
    }

    private final Shape[] shapes = new Shape[1024];

    public Megamorphic() {
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = switch (i % 4) {
                case 0 -> new Square(i);
                case 1 -> new Rect(i, i + 1);
                case 2 -> new Triangle(i, 3);
                default -> new Circle(i % 17);
            };
        }
    }

    @Override
    public long getAsLong() {
        long total = 0;
        for (Shape s : shapes) {
            total += s.area();
        }
        return total;
    }
}
