using Gantry.Tensors.Quantization;

namespace Gantry.Models.Attention;

/// <summary>
/// The int8 K/V row format: blocks of <see cref="BlockSize"/> values, each an f16 scale then that many int8s.
/// The block never spans two heads (it is the head size when heads are narrower than 32), so a quiet head is
/// not quantized with a loud neighbour's scale.
/// </summary>
internal readonly struct Int8KvCodec
{
    public Int8KvCodec(int headDim)
    {
        BlockSize = headDim >= 32 ? 32 : headDim;
        if (headDim % BlockSize != 0) throw new ArgumentException($"an int8 KV cache needs a head size that is a multiple of 32 or at most 32 (got {headDim})");
    }

    public int BlockSize { get; }

    public int BlockBytes => 2 + BlockSize;

    public int RowBytes(int kvDim) => kvDim / BlockSize * BlockBytes;

    public unsafe void Encode(ReadOnlySpan<float> row, byte* destination)
    {
        for (var b = 0; b < row.Length; b += BlockSize, destination += BlockBytes)
        {
            var block = row.Slice(b, BlockSize);
            var amax = 0f;
            foreach (var v in block) amax = MathF.Max(amax, MathF.Abs(v));
            var d = amax / 127f;
            *(ushort*)destination = Fp16.FromFloat(d);
            var inverse = d == 0 ? 0 : 1 / d;
            var q = (sbyte*)(destination + 2);
            for (var i = 0; i < BlockSize; i++) q[i] = (sbyte)MathF.Round(block[i] * inverse);
        }
    }

    /// <summary>Decodes <paramref name="values"/>.Length values starting at value <paramref name="offset"/> (block-aligned) of a row.</summary>
    public unsafe void Decode(byte* row, int offset, Span<float> values)
    {
        var source = row + offset / BlockSize * BlockBytes;
        for (var b = 0; b < values.Length; b += BlockSize, source += BlockBytes)
        {
            var d = Fp16.ToFloat(*(ushort*)source);
            var q = (sbyte*)(source + 2);
            for (var i = 0; i < BlockSize; i++) values[b + i] = q[i] * d;
        }
    }
}
