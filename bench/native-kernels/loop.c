// Multiply-adds per cycle of one machine-code kernel from src/Gantry.Tensors/Native/vnni_kernels.s, called in a
// loop over random weights, outside .NET: for comparing kernel variants without the engine around them. The
// weights are random bytes with fp16 scales of 1 (the results are not checked here; NativeVnniTests does that).
// Built and run by run.sh. Usage: loop KERNEL_LABEL GROUPS ITERATIONS (GROUPS groups of ROWS rows x 64 blocks).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

// NativeVnni.cs's TileArgs.
typedef struct {
    uint8_t *packed; long blocks; uint8_t *x[4]; float *s[4]; int *c[4]; float *y; long ystride;
    uint8_t *x4; float *s4; long coff;
} TileArgs;

extern void KERNEL(TileArgs *);

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s LABEL GROUPS ITERATIONS\n", argv[0]); return 2; }
    const int blocks = 64;
    long groups = atol(argv[2]), iters = atol(argv[3]);
    size_t bytes = (size_t)groups * blocks * BLOCK_BYTES, huge = 2u << 20;
    size_t rounded = (bytes + huge - 1) / huge * huge;
    uint8_t *w = aligned_alloc(huge, rounded);
    madvise(w, rounded, MADV_HUGEPAGE); // as the repacked weights' arena
    for (size_t i = 0; i < bytes; i++) w[i] = (uint8_t)rand();
    for (long g = 0; g < groups * blocks; g++) {
        uint16_t *scales = (uint16_t *)(w + (size_t)(g + 1) * BLOCK_BYTES - 2 * ROWS);
        for (int r = 0; r < ROWS; r++) scales[r] = 0x3c00;
    }
    uint8_t *xq = malloc(5 * blocks * 34);
    for (int i = 0; i < 5 * blocks * 34; i++) xq[i] = (uint8_t)rand();
    float *sc = calloc(10 * blocks, sizeof(float));
    float y[5 * 16];
    TileArgs a = { .blocks = blocks, .y = y, .ystride = 16 * sizeof(float) };
    for (int k = 0; k < 4; k++) { a.x[k] = xq + k * blocks * 34; a.s[k] = sc + k * blocks; a.c[k] = (int *)(sc + (5 + k) * blocks); }
    a.x4 = xq + 4 * blocks * 34; a.s4 = sc + 4 * blocks; a.coff = 5 * blocks * sizeof(float);
    double t0 = cpu_seconds();
    for (long it = 0; it < iters; it++)
        for (long g = 0; g < groups; g++) { a.packed = w + (size_t)g * blocks * BLOCK_BYTES; KERNEL(&a); }
    double s = cpu_seconds() - t0, macs = (double)iters * groups * blocks * 32 * ROWS * TOKENS;
    printf("{\"kernel\": \"%s\", \"weights_bytes\": %zu, \"gmac_per_s\": %.1f}\n", argv[1], bytes, macs / s / 1e9);
    return 0;
}
