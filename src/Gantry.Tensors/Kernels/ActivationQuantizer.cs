using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// AVX2 versions of the activation quantizers (<see cref="BlockQ8_0.QuantizeActivations"/>,
/// <see cref="BlockQ8_K.Quantize"/>), bit-identical to them: the same float multiply per value and the same
/// ties-to-even rounding (vroundps), only without a scalar loop. Falls back to the scalar definitions elsewhere.
/// </summary>
internal static unsafe class ActivationQuantizer
{
    /// <param name="x">(k) floats.</param>
    /// <param name="y">(k/32) Q8_0 blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_0(float* x, byte* y, int k)
    {
        if (!Avx2.IsSupported)
        {
            BlockQ8_0.QuantizeActivations(x, y, k);
            return;
        }
        var signMask = Vector256.Create(0x7fffffff).AsSingle();
        for (int b = 0; b < k / 32; b++, x += 32, y += BlockQ8_0.BlockBytes)
        {
            var v0 = Vector256.Load(x);
            var v1 = Vector256.Load(x + 8);
            var v2 = Vector256.Load(x + 16);
            var v3 = Vector256.Load(x + 24);
            var m = Avx.Max(Avx.Max(v0 & signMask, v1 & signMask), Avx.Max(v2 & signMask, v3 & signMask));
            float amax = MaxLane(m);
            Fp16.Store(y, amax / 127f);
            var id = Vector256.Create(amax != 0 ? 127f / amax : 0f);
            Pack(v0 * id, v1 * id, v2 * id, v3 * id, (sbyte*)(y + 2));
        }
    }

    /// <param name="x">(k) floats.</param>
    /// <param name="y">(k/256) Q8_K blocks.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Q8_K(float* x, byte* y, int k)
    {
        if (!Avx2.IsSupported)
        {
            BlockQ8_K.Quantize(x, y, k);
            return;
        }
        var signMask = Vector256.Create(0x7fffffff).AsSingle();
        for (int b = 0; b < k / 256; b++, x += 256, y += BlockQ8_K.BlockBytes)
        {
            var m = Vector256<float>.Zero;
            for (int i = 0; i < 256; i += 8) m = Avx.Max(m, Vector256.Load(x + i) & signMask);
            float amax = MaxLane(m);
            if (amax == 0)
            {
                new Span<byte>(y, BlockQ8_K.BlockBytes).Clear();
                continue;
            }
            // The reference keeps the first value of largest magnitude; its sign decides the scale's sign.
            float max = 0;
            for (int i = 0; i < 256; i++)
            {
                if (MathF.Abs(x[i]) == amax)
                {
                    max = x[i];
                    break;
                }
            }
            float iscale = -127f / max;
            var scale = Vector256.Create(iscale);
            sbyte* q = (sbyte*)(y + BlockQ8_K.QsOffset);
            for (int i = 0; i < 256; i += 32)
            {
                Pack(Vector256.Load(x + i) * scale, Vector256.Load(x + i + 8) * scale, Vector256.Load(x + i + 16) * scale, Vector256.Load(x + i + 24) * scale, q + i);
            }
            short* bsums = (short*)(y + BlockQ8_K.BsumsOffset);
            for (int g = 0; g < 16; g++)
            {
                var wide = Avx2.ConvertToVector256Int16(q + 16 * g);
                bsums[g] = (short)Vector256.Sum(Avx2.MultiplyAddAdjacent(wide, Vector256<short>.One));
            }
            Unsafe.WriteUnaligned(y, 1 / iscale);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float MaxLane(Vector256<float> m)
    {
        var h = Sse.Max(m.GetLower(), m.GetUpper());
        h = Sse.Max(h, Sse.Shuffle(h, h, 0b01_00_11_10));
        h = Sse.Max(h, Sse.Shuffle(h, h, 0b10_11_00_01));
        return h.ToScalar();
    }

    /// <summary>Rounds 32 scaled values (ties to even), clamps to 127 and stores them as bytes in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pack(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d, sbyte* dst)
    {
        var ia = Avx.ConvertToVector256Int32(Avx.RoundToNearestInteger(a));
        var ib = Avx.ConvertToVector256Int32(Avx.RoundToNearestInteger(b));
        var ic = Avx.ConvertToVector256Int32(Avx.RoundToNearestInteger(c));
        var id = Avx.ConvertToVector256Int32(Avx.RoundToNearestInteger(d));
        // Saturating packs work per 128-bit lane, so the result comes out lane-interleaved; one dword permute fixes it.
        var ab = Avx2.PackSignedSaturate(ia, ib);
        var cd = Avx2.PackSignedSaturate(ic, id);
        var bytes = Avx2.PackSignedSaturate(ab, cd);
        var ordered = Avx2.PermuteVar8x32(bytes.AsInt32(), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)).AsSByte();
        Vector256.Min(ordered, Vector256.Create((sbyte)127)).Store(dst);
    }
}
