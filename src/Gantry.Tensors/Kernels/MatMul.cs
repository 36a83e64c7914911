using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// y = x·wᵀ for a GGUF-format weight matrix. Owns the scratch that holds the activations converted to the weight
/// type's dot format (quantized once per call, not once per row); one instance per model runner, used from that
/// runner's thread only (not thread-safe).
/// </summary>
/// <remarks>
/// Design: convert x (in parallel when large), then split the weight rows across the pool in chunks. A chunk
/// is walked in L2-sized row tiles, each swept by the tokens four at a time through a micro-kernel that decodes a
/// weight block once for four tokens (for Q8_0 / Q4_0 on the VNNI path, eight rows packed per tile · four tokens,
/// see <see cref="PackedRows8"/>); decode (n = 1) degenerates to a row-parallel streaming matvec.
/// </remarks>
public sealed unsafe partial class MatMul
{
    // Weight bytes a row tile may span: well inside L2 (2 MiB per core here), so the tile is re-read from cache
    // for every group of four tokens.
    private const int TileBytes = 256 * 1024;
    // Converting activations in parallel pays only once there is enough of them.
    private const long ParallelConvertElements = 1 << 16;

    /// <summary>
    /// Activation rows a call sweeps together: rows go through the four-token kernels in groups of this many from the
    /// first, and a remainder of one to three through other kernels, which round differently. See
    /// <see cref="SameBitsWhenCut"/>.
    /// </summary>
    public const int TokenGroup = 4;

    /// <summary>
    /// True when multiplying rows [0, <paramref name="cut"/>) and [<paramref name="cut"/>, <paramref name="rows"/>)
    /// in two calls gives every row the same bits as one call over all of them (a pipeline cutting a batch into
    /// micro-batches relies on it). The cut must fall between groups of <see cref="TokenGroup"/>; and where the whole
    /// call takes a packed kernel (chosen by how many rows a call has) its leftover rows may take a packed one-row
    /// kernel (Q4_0 on AVX2), which a part of fewer than four rows would not, so the part after the cut needs at least
    /// four rows. Elsewhere the packed kernels agree bit for bit with the row kernels (MatMulCutTests checks every
    /// allowed cut on every path). Cuts at 0 or <paramref name="rows"/> leave one part empty and are always allowed.
    /// </summary>
    public static bool SameBitsWhenCut(int rows, int cut) =>
        cut <= 0 || cut >= rows || (cut % TokenGroup == 0 && rows - cut >= PackedRows8.MinTokensAvx2);

    private readonly WorkerPool _pool;
    private readonly ActivationJob _activationJob = new();
    private readonly RowJob _rowJob = new();
    private byte[] _scratch = [];
    private byte[] _padded = [];

    public MatMul(WorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _pool = pool;
    }

    /// <summary>Kernel tier; defaults to the best this CPU supports. Tests and benchmarks pin others.</summary>
    public KernelPath Path
    {
        get;
        set
        {
            if (!KernelPaths.IsSupported(value))
            {
                throw new PlatformNotSupportedException($"Kernel path {value} is not supported on this CPU.");
            }
            field = value;
        }
    } = KernelPaths.Best;

    /// <summary>
    /// Tokens the multi-token kernels take in one pass over a weight tile; the tokens past the last whole group take
    /// one-token passes (three of them one padded pass). A step of 4k + 1 tokens therefore costs a whole extra sweep
    /// of the tiles for its last token.
    /// </summary>
    public const int TokensPerPass = 4;

    /// <summary>Weight types <see cref="Multiply"/> handles.</summary>
    public static bool IsSupported(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.BF16
        or GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0 or GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K;

    /// <summary>y(n, w.Rows) = x(n, w.Cols) · wᵀ. Allocates nothing once scratch has grown to this size.</summary>
    /// <param name="w">(Rows, Cols) weights.</param>
    /// <param name="x">(n, Cols) activations, row-major.</param>
    /// <param name="n">Activation rows (tokens), ≥ 1.</param>
    /// <param name="y">(n, Rows) output, row-major.</param>
    public void Multiply(in WeightMatrix w, ReadOnlySpan<float> x, int n, Span<float> y)
    {
        Validate(w, x, n, y);
        if (w.Rows == 0)
        {
            return;
        }

        int xStride = ActivationFormat.RowBytes(w.Type, w.Cols);
        fixed (float* xp = x)
        fixed (float* yp = y)
        {
            byte* converted = (byte*)xp;
            if (!ActivationFormat.IsIdentity(w.Type))
            {
                converted = Scratch((long)n * xStride);
                ConvertActivations(w.Type, xp, converted, n, w.Cols, xStride);
            }

            var job = _rowJob;
            byte* padded = null;
            Configure(job, w, converted, xStride, n, yp, ref padded);
            // Tiles and chunks are multiples of 16 rows, so the packed paths' groups of eight or sixteen start at the
            // same rows whatever the thread count, and results stay bit-identical across thread counts.
            _pool.For(job, w.Rows, _pool.Grain(w.Rows, (long)w.Cols * n, minGrain: 16, multiple: 16));
            job.Release();
        }
    }

    private static void Validate(in WeightMatrix w, ReadOnlySpan<float> x, int n, Span<float> y)
    {
        if (!IsSupported(w.Type))
        {
            throw new NotSupportedException($"MatMul does not support weight type {w.Type}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (x.Length < (long)n * w.Cols)
        {
            throw new ArgumentException($"x must hold {n}×{w.Cols} values; it has {x.Length}.", nameof(x));
        }
        if (y.Length < (long)n * w.Rows)
        {
            throw new ArgumentException($"y must hold {n}×{w.Rows} values; it has {y.Length}.", nameof(y));
        }
    }

    /// <summary>
    /// Sets <paramref name="job"/> up for y = x·wᵀ over activations already converted to w's dot format.
    /// <paramref name="padded"/> is the padded copy of the last three rows, made here the first time a job of the call
    /// needs it and shared by the call's other jobs.
    /// </summary>
    private void Configure(RowJob job, in WeightMatrix w, byte* converted, int xStride, int n, float* y, ref byte* padded)
    {
        job.Kernels = KernelTable.Get(w.Type, Path);
        // A sixteen-row layout only ever comes from this path's own repacker, which has the sixteen-row kernels.
        job.Repacked = w.Packed != null && job.Kernels.RepackedDot8x4 != null
            && (w.PackedGroupRows == 8 || job.Kernels.RepackedDot16x4 != null) ? w.Packed : null;
        job.RepackedRows = w.PackedGroupRows;
        job.PaddedX = null;
        if (n % 4 == 3 && (job.Kernels.Dot4 != null || job.Repacked != null))
        {
            if (padded == null) padded = PadLastThree(converted, n, xStride);
            job.PaddedX = padded;
        }
        job.RepackedGroupBytes = w.PackedGroupBytes;
        job.W = w.Data;
        job.RowBytes = w.RowBytes;
        job.Rows = w.Rows;
        job.Cols = w.Cols;
        job.X = converted;
        job.XStride = xStride;
        job.N = n;
        job.Y = y;
        job.RowsPerTile = Math.Max(16, (TileBytes / w.RowBytes) & ~15);
    }

    // A remainder of three tokens (a verify step of two drafts, for one) would take three one-token passes over
    // every L2 tile; one pass of the four-token kernel costs less (measured on TinyLlama Q8_0: three tokens 2.0x one
    // token, four 1.7x). So the last three rows go to a four-row scratch, the third repeated as filler whose result
    // is dropped. One or two leftover tokens stay on the one-token kernel, which is cheaper for them.
    private byte* PadLastThree(byte* x, int n, int xStride)
    {
        long bytes = 4L * xStride;
        if (_padded.Length < bytes)
        {
            _padded = GC.AllocateUninitializedArray<byte>(checked((int)bytes) + 64, pinned: true);
        }
        byte* dst = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_padded));
        Buffer.MemoryCopy(x + (long)(n - 3) * xStride, dst, bytes, 3L * xStride);
        Buffer.MemoryCopy(x + (long)(n - 1) * xStride, dst + 3L * xStride, xStride, xStride);
        return dst;
    }

    private void ConvertActivations(GgmlType type, float* x, byte* dst, int n, int cols, int dstStride)
    {
        var job = _activationJob;
        job.WeightType = type;
        job.X = x;
        job.Dst = dst;
        job.Cols = cols;
        job.DstStride = dstStride;
        if ((long)n * cols >= ParallelConvertElements && n > 1)
        {
            _pool.For(job, n, Math.Max(1, n / (_pool.ThreadCount * 4)));
        }
        else
        {
            job.Execute(0, n);
        }
        job.X = null;
    }

    // Pinned so its address is stable for the kernels; grows, never shrinks (one model's largest activation).
    private byte* Scratch(long bytes)
    {
        if (_scratch.Length < bytes)
        {
            _scratch = GC.AllocateUninitializedArray<byte>(checked((int)bytes) + 64, pinned: true);
        }
        return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_scratch));
    }
}
