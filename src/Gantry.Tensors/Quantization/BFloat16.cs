using System.Runtime.CompilerServices;

namespace Gantry.Tensors.Quantization;

/// <summary>bfloat16 (the top 16 bits of a float) conversions, rounding as ggml's <c>ggml_compute_fp32_to_bf16</c>.</summary>
public static class BFloat16
{
    /// <summary>Rounds to nearest even; NaN stays NaN (quieted) rather than rounding into infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort FromFloat(float value)
    {
        uint u = BitConverter.SingleToUInt32Bits(value);
        if ((u & 0x7fffffffu) > 0x7f800000u)
        {
            return (ushort)((u >> 16) | 64);
        }
        return (ushort)((u + (0x7fffu + ((u >> 16) & 1))) >> 16);
    }

    /// <summary>Exact widening to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToFloat(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
