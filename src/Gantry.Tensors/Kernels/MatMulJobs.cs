using System.Diagnostics;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Kernels;

/// <summary>Converts activation rows [start, end) into the weight type's dot format. Reused across calls.</summary>
internal sealed unsafe class ActivationJob : IParallelJob
{
    public GgmlType WeightType;
    public float* X;      // (n, Cols)
    public byte* Dst;     // (n, DstStride bytes)
    public int Cols;
    public int DstStride;

    public void Execute(int start, int end)
    {
        for (int t = start; t < end; t++)
        {
            ActivationFormat.Convert(WeightType, X + (long)t * Cols, Dst + (long)t * DstStride, Cols);
        }
    }
}

/// <summary>
/// Computes y rows for weight rows [start, end). Within the range, rows are taken in tiles small enough to stay
/// in L2 and each tile is swept by all tokens four at a time, so every weight byte comes from DRAM once per call
/// while the four activation rows of the micro-kernel stay in L1. A remainder of three tokens also takes the
/// four-token kernel, over <see cref="PaddedX"/>.
/// </summary>
internal sealed unsafe class RowJob : IParallelJob
{
    public KernelSet Kernels;
    public byte* W;        // (Rows, RowBytes)
    public int RowBytes;
    public int Rows;
    public int Cols;
    public byte* X;        // (N, XStride bytes) activations in the kernel's format
    public int XStride;
    public int N;
    public float* Y;       // (N, Rows)
    public int RowsPerTile;
    public byte* PaddedX;  // (4, XStride bytes): the last three activation rows and a filler, when N % 4 == 3; else null

    public void Execute(int start, int end)
    {
        Debug.Assert(RowsPerTile >= 1);
        float* four = stackalloc float[4];
        var dot = Kernels.Dot;
        var dot4 = Kernels.Dot4;
        for (int r0 = start; r0 < end; r0 += RowsPerTile)
        {
            int r1 = Math.Min(end, r0 + RowsPerTile);
            int t = 0;
            if (dot4 != null)
            {
                for (; t + 4 <= N; t += 4)
                {
                    byte* xt = X + (long)t * XStride;
                    float* yt = Y + (long)t * Rows;
                    for (int r = r0; r < r1; r++)
                    {
                        dot4(W + (long)r * RowBytes, xt, XStride, Cols, four);
                        yt[r] = four[0];
                        yt[Rows + r] = four[1];
                        yt[2 * Rows + r] = four[2];
                        yt[3 * Rows + r] = four[3];
                    }
                }
                if (PaddedX != null && N - t == 3)
                {
                    float* yt = Y + (long)t * Rows;
                    for (int r = r0; r < r1; r++)
                    {
                        dot4(W + (long)r * RowBytes, PaddedX, XStride, Cols, four);
                        yt[r] = four[0];
                        yt[Rows + r] = four[1];
                        yt[2 * Rows + r] = four[2];
                    }
                    t = N;
                }
            }
            for (; t < N; t++)
            {
                byte* xt = X + (long)t * XStride;
                float* yt = Y + (long)t * Rows;
                for (int r = r0; r < r1; r++)
                {
                    yt[r] = dot(W + (long)r * RowBytes, xt, Cols);
                }
            }
        }
    }
}
