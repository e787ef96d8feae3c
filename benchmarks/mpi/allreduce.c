/* The C side of the all-reduce comparison (benchmarks/mpi/run.sh): MPI_Allreduce of 10^6 doubles in place with
 * MPI_SUM, the same call Fluxion.Distributed's MpiWorld.AllReduce makes. Every repetition starts after a barrier
 * and is timed with MPI_Wtime on every rank; the slowest rank's time counts (MPI_MAX). Prints the median and the
 * best over the repetitions, in milliseconds, and checks the sum. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000000, repetitions = argc > 2 ? atoi(argv[2]) : 200, rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    double *buffer = malloc(sizeof(double) * n), *times = malloc(sizeof(double) * repetitions);
    for (int warm = 0; warm < 20; warm++) {
        for (int i = 0; i < n; i++) buffer[i] = rank + i % 7;
        MPI_Allreduce(MPI_IN_PLACE, buffer, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    }
    for (int r = 0; r < repetitions; r++) {
        for (int i = 0; i < n; i++) buffer[i] = rank + i % 7;
        MPI_Barrier(MPI_COMM_WORLD);
        double start = MPI_Wtime();
        MPI_Allreduce(MPI_IN_PLACE, buffer, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        double local = MPI_Wtime() - start, slowest;
        MPI_Allreduce(&local, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        times[r] = slowest;
    }
    for (int i = 0; i < n; i++)
        if (buffer[i] != size * (i % 7) + size * (size - 1) / 2.0) { fprintf(stderr, "wrong sum at %d\n", i); return 1; }
    qsort(times, repetitions, sizeof(double), compare);
    if (rank == 0)
        printf("c allreduce n=%d ranks=%d median_ms=%.4f best_ms=%.4f\n", n, size, 1e3 * times[repetitions / 2], 1e3 * times[0]);
    free(buffer);
    free(times);
    MPI_Finalize();
    return 0;
}
