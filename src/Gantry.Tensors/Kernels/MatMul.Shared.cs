using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Several matrices against the same activations (a block's query, key and value projections; a feed-forward's gate
/// and up): one conversion of the activations and one parallel pass over all their rows.
/// </summary>
/// <remarks>
/// Decoding one token, a 1.1B model's key and value matrices are a few hundred KiB each: split over the pool on their
/// own, their chunks are short and each call ends at a barrier where the threads wait for the slowest. Taken with the
/// query matrix in one pass, the rows of all three are chunked together and there is one barrier instead of three
/// (and one activation conversion instead of three, which a long prefill notices). Every row goes through the same
/// kernel with the same activations as in a call of its own, so the bits are the same; the matrices must share the
/// activation format and width, and have whole groups of sixteen rows (so chunks of the joined rows start each matrix's
/// groups where its own call would); otherwise they are multiplied one after another.
/// </remarks>
public sealed unsafe partial class MatMul
{
    private readonly RowJob[] _sharedParts = [new(), new(), new()];
    private readonly SharedRowsJob _sharedJob = new();

    /// <summary>ya = x·aᵀ and yb = x·bᵀ; as two <see cref="Multiply(in WeightMatrix, ReadOnlySpan{float}, int, Span{float})"/> calls, in one pass.</summary>
    public void Multiply(in WeightMatrix a, in WeightMatrix b, ReadOnlySpan<float> x, int n, Span<float> ya, Span<float> yb)
    {
        if (!CanShare(a, b))
        {
            Multiply(a, x, n, ya);
            Multiply(b, x, n, yb);
            return;
        }
        Validate(a, x, n, ya);
        Validate(b, x, n, yb);
        fixed (float* pa = ya)
        fixed (float* pb = yb)
            MultiplyShared(a, b, b, 2, x, n, pa, pb, null);
    }

    /// <summary>ya = x·aᵀ, yb = x·bᵀ and yc = x·cᵀ; as three <see cref="Multiply(in WeightMatrix, ReadOnlySpan{float}, int, Span{float})"/> calls, in as few passes as their formats allow.</summary>
    public void Multiply(in WeightMatrix a, in WeightMatrix b, in WeightMatrix c, ReadOnlySpan<float> x, int n, Span<float> ya, Span<float> yb, Span<float> yc)
    {
        if (!CanShare(a, b))
        {
            Multiply(a, x, n, ya);
            Multiply(b, c, x, n, yb, yc);
            return;
        }
        if (!CanShare(a, c))
        {
            Multiply(a, b, x, n, ya, yb);
            Multiply(c, x, n, yc);
            return;
        }
        Validate(a, x, n, ya);
        Validate(b, x, n, yb);
        Validate(c, x, n, yc);
        fixed (float* pa = ya)
        fixed (float* pb = yb)
        fixed (float* pc = yc)
            MultiplyShared(a, b, c, 3, x, n, pa, pb, pc);
    }

    private static bool CanShare(in WeightMatrix a, in WeightMatrix b) =>
        a.Cols == b.Cols && a.Rows > 0 && b.Rows > 0 && a.Rows % 16 == 0 && b.Rows % 16 == 0 &&
        IsSupported(a.Type) && IsSupported(b.Type) && ActivationFormat.SameFormat(a.Type, b.Type);

    private void MultiplyShared(in WeightMatrix a, in WeightMatrix b, in WeightMatrix c, int count, ReadOnlySpan<float> x, int n, float* ya, float* yb, float* yc)
    {
        int cols = a.Cols;
        int xStride = ActivationFormat.RowBytes(a.Type, cols);
        fixed (float* xp = x)
        {
            byte* converted = (byte*)xp;
            if (!ActivationFormat.IsIdentity(a.Type))
            {
                converted = Scratch((long)n * xStride);
                ConvertActivations(a.Type, xp, converted, n, cols, xStride);
            }
            byte* padded = null;
            Configure(_sharedParts[0], a, converted, xStride, n, ya, ref padded);
            Configure(_sharedParts[1], b, converted, xStride, n, yb, ref padded);
            if (count == 3) Configure(_sharedParts[2], c, converted, xStride, n, yc, ref padded);
            var job = _sharedJob;
            job.Parts = _sharedParts;
            job.Count = count;
            int rows = a.Rows + b.Rows + (count == 3 ? c.Rows : 0);
            _pool.For(job, rows, _pool.Grain(rows, (long)cols * n, minGrain: 16, multiple: 16));
            for (int i = 0; i < count; i++) _sharedParts[i].Release();
        }
    }

    /// <summary>Rows [start, end) of matrices laid end to end, each piece handed to its matrix's own row job.</summary>
    private sealed class SharedRowsJob : IParallelJob
    {
        public RowJob[] Parts = [];
        public int Count;

        public void Execute(int start, int end)
        {
            int offset = 0;
            for (int i = 0; i < Count && offset < end; i++)
            {
                var part = Parts[i];
                int from = Math.Max(start, offset), to = Math.Min(end, offset + part.Rows);
                if (from < to) part.Execute(from - offset, to - offset);
                offset += part.Rows;
            }
        }
    }
}
