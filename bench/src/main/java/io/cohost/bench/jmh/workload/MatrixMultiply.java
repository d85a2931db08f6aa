package io.cohost.bench.jmh.workload;

import java.util.function.LongSupplier;

/** Multiplies two 64×64 double matrices: three nested counted loops. */
public final class MatrixMultiply implements LongSupplier {
    private static final int N = 64;
    private final double[][] a = new double[N][N];
    private final double[][] b = new double[N][N];
    private final double[][] c = new double[N][N];

    public MatrixMultiply() {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                a[i][j] = (i * 7 + j) % 13;
                b[i][j] = (i + j * 3) % 11;
            }
        }
    }

    @Override
    public long getAsLong() {
        for (int i = 0; i < N; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = 0; j < N; j++) {
                ci[j] = 0;
            }
            for (int k = 0; k < N; k++) {
                double aik = ai[k];
                double[] bk = b[k];
                for (int j = 0; j < N; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return (long) c[N - 1][N - 1];
    }
}
