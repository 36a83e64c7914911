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
/// <remarks>
/// Where the kernels have a packed path (<see cref="KernelSet.Dot8x4"/>) and there are at least
/// <see cref="KernelSet.PackMinTokens"/> tokens, the tile's whole groups of eight rows are first packed into this
/// thread's scratch (<see cref="PackedRows8"/>, once per tile) and swept by the eight-row kernel; rows past the last
/// whole group, and tokens past the last group of four, take the row-at-a-time kernels (those tokens take the packed
/// one-token kernel, <see cref="KernelSet.Dot8x1"/>, where there is one). Tiles start at multiples
/// of sixteen rows (<see cref="MatMul"/> sizes chunks and tiles so), so which rows are packed does not depend on the
/// thread count. Weights repacked at load (<see cref="Repacked"/>) skip the packing and take the repacked kernels for
/// every token count, down to one.
/// </remarks>
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
    public byte* PaddedX;  // (4, XStride bytes): the last three activation rows and a filler, when N % 4 == 3 and a four-token kernel reads them; else null
    public byte* Repacked; // (Rows / RepackedRows, RepackedGroupBytes) the weights repacked at load, when the kernels read them; else null
    public int RepackedGroupBytes;
    public int RepackedRows; // 8, or 16 for the sixteen-row layouts

    /// <summary>Drops the call's pointers, so a reused job holds none between calls.</summary>
    public void Release()
    {
        X = null;
        Y = null;
        PaddedX = null;
        Repacked = null;
    }

    public void Execute(int start, int end)
    {
        Debug.Assert(RowsPerTile >= 1);
        int rowsFrom = start;
        if (Repacked != null)
        {
            Debug.Assert(start % RepackedRows == 0);
            rowsFrom = Math.Max(start, Math.Min(end, Rows / RepackedRows * RepackedRows));
            SweepRepacked(start, rowsFrom);
        }
        if (rowsFrom < end) ExecuteRows(rowsFrom, end);
    }

    /// <summary>
    /// Rows [r0, r1) (whole groups of eight or sixteen) × every token over the weights repacked at load: four tokens
    /// at a time, then one (or the last five at once), tile by tile, so a tile read from DRAM serves every token from L2.
    /// </summary>
    private void SweepRepacked(int start, int end)
    {
        int h = RepackedRows;
        delegate*<byte*, byte*, nint, int, float*, nint, void> dot4 = Kernels.RepackedDot8x4, dot5 = Kernels.RepackedDot8x5;
        delegate*<byte*, byte*, int, float*, void> dot1 = Kernels.RepackedDot8x1;
        if (h == 16)
        {
            dot4 = Kernels.RepackedDot16x4;
            dot5 = Kernels.RepackedDot16x5;
            dot1 = Kernels.RepackedDot16x1;
        }
        int n4 = N & ~3;
        // One past a group of four (a verify step of five): the last five tokens in one pass where a kernel exists.
        bool lastFive = dot5 != null && N >= 5 && N % 4 == 1;
        if (lastFive) n4 -= 4;
        int groupBytes = RepackedGroupBytes;
        for (int r0 = start; r0 < end; r0 += RowsPerTile)
        {
            int groups = (Math.Min(end, r0 + RowsPerTile) - r0) / h;
            byte* packed = Repacked + (long)(r0 / h) * groupBytes;
            for (int t = 0; t < n4; t += 4)
            {
                byte* xt = X + (long)t * XStride;
                float* yt = Y + (long)t * Rows + r0;
                for (int g = 0; g < groups; g++) dot4(packed + (long)g * groupBytes, xt, XStride, Cols, yt + h * g, Rows);
            }
            int t1 = n4;
            if (lastFive)
            {
                byte* xt = X + (long)n4 * XStride;
                float* yt = Y + (long)n4 * Rows + r0;
                for (int g = 0; g < groups; g++) dot5(packed + (long)g * groupBytes, xt, XStride, Cols, yt + h * g, Rows);
                t1 = N;
            }
            else if (PaddedX != null && N - n4 == 3)
            {
                SweepRepackedPadded(packed, groups, h, dot4, Y + (long)n4 * Rows + r0);
                t1 = N;
            }
            for (int t = t1; t < N; t++)
            {
                byte* xt = X + (long)t * XStride;
                float* yt = Y + (long)t * Rows + r0;
                for (int g = 0; g < groups; g++) dot1(packed + (long)g * groupBytes, xt, Cols, yt + h * g);
            }
        }
    }

    /// <summary>
    /// A tile's groups (of <paramref name="groupRows"/> rows) × the last three tokens in one four-token pass over
    /// <see cref="PaddedX"/> (three one-token passes cost more), through a small scratch so the filler's results are
    /// dropped rather than written past y.
    /// </summary>
    private void SweepRepackedPadded(byte* packed, int groups, int groupRows, delegate*<byte*, byte*, nint, int, float*, nint, void> dot4, float* yt)
    {
        float* four = stackalloc float[4 * 16];
        for (int g = 0; g < groups; g++)
        {
            dot4(packed + (long)g * RepackedGroupBytes, PaddedX, XStride, Cols, four, groupRows);
            for (int k = 0; k < 3; k++)
            {
                new ReadOnlySpan<float>(four + groupRows * k, groupRows).CopyTo(new Span<float>(yt + (long)k * Rows + groupRows * g, groupRows));
            }
        }
    }

    private void ExecuteRows(int start, int end)
    {
        // Tokens the four-token kernels cover.
        int n4 = Kernels.Dot4 != null ? N & ~3 : 0;
        for (int r0 = start; r0 < end; r0 += RowsPerTile)
        {
            int r1 = Math.Min(end, r0 + RowsPerTile);
            // Rows whose tokens past n4 still need the row kernels.
            int rest = r0;
            int packedEnd = r0;
            if (Kernels.Dot8x4 != null && n4 >= Kernels.PackMinTokens && r1 - r0 >= 8)
            {
                packedEnd = r0 + ((r1 - r0) & ~7);
                if (SweepPacked(r0, packedEnd, n4)) rest = packedEnd;
            }
            SweepFour(packedEnd, r1, n4);
            int t = n4;
            if (PaddedX != null && Kernels.Dot4 != null && N - t == 3)
            {
                SweepPadded(rest, r1, t);
                t = N;
            }
            for (; t < N; t++)
            {
                byte* xt = X + (long)t * XStride;
                float* yt = Y + (long)t * Rows;
                for (int r = rest; r < r1; r++)
                {
                    yt[r] = Kernels.Dot(W + (long)r * RowBytes, xt, Cols);
                }
            }
        }
    }

    /// <summary>
    /// Rows [r0, r1) (a multiple of 8 of them) × tokens [0, n4): pack once, then sweep four tokens at a time; with a
    /// one-token packed kernel, also the tokens past n4 (returns true then).
    /// </summary>
    private bool SweepPacked(int r0, int r1, int n4)
    {
        Debug.Assert((r1 - r0) % 8 == 0 && n4 % 4 == 0);
        int groups = (r1 - r0) / 8;
        int groupBytes = Kernels.PackedGroupBytes(Cols);
        byte* packed = PackScratch.Get(groups * groupBytes);
        for (int g = 0; g < groups; g++)
        {
            Kernels.Pack(W + (long)(r0 + 8 * g) * RowBytes, RowBytes, Cols, packed + (long)g * groupBytes);
        }
        for (int t = 0; t < n4; t += 4)
        {
            byte* xt = X + (long)t * XStride;
            float* yt = Y + (long)t * Rows + r0;
            for (int g = 0; g < groups; g++)
            {
                Kernels.Dot8x4(packed + (long)g * groupBytes, xt, XStride, Cols, yt + 8 * g, Rows);
            }
        }
        if (Kernels.Dot8x1 == null) return false;
        for (int t = n4; t < N; t++)
        {
            byte* xt = X + (long)t * XStride;
            float* yt = Y + (long)t * Rows + r0;
            for (int g = 0; g < groups; g++)
            {
                Kernels.Dot8x1(packed + (long)g * groupBytes, xt, Cols, yt + 8 * g);
            }
        }
        return true;
    }

    /// <summary>Rows [r0, r1) × tokens [0, n4) through the one-row, four-token kernel.</summary>
    private void SweepFour(int r0, int r1, int n4)
    {
        for (int t = 0; t < n4; t += 4)
        {
            SweepRows(X + (long)t * XStride, Y + (long)t * Rows, r0, r1, tokens: 4);
        }
    }

    /// <summary>Rows [r0, r1) × the last three tokens (from t), through the four-token kernel over <see cref="PaddedX"/>.</summary>
    private void SweepPadded(int r0, int r1, int t) => SweepRows(PaddedX, Y + (long)t * Rows, r0, r1, tokens: 3);

    /// <summary>
    /// Rows [r0, r1) · the four activation rows at <paramref name="x"/>, keeping the first <paramref name="tokens"/>
    /// results (a padded group drops its filler) in y rows from <paramref name="yt"/>.
    /// </summary>
    private void SweepRows(byte* x, float* yt, int r0, int r1, int tokens)
    {
        float* four = stackalloc float[4];
        for (int r = r0; r < r1; r++)
        {
            Kernels.Dot4(W + (long)r * RowBytes, x, XStride, Cols, four);
            for (int k = 0; k < tokens; k++) yt[(long)k * Rows + r] = four[k];
        }
    }
}
