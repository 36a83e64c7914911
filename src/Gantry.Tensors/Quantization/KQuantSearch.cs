using System.Runtime.CompilerServices;

namespace Gantry.Tensors.Quantization;

/// <summary>
/// The scale searches of ggml's reference k-quantizers (<c>make_qx_quants</c>, <c>make_qkx2_quants</c>) and their
/// rounding helper. Ported operation for operation, in float and in the same order, because the GGUF files Gantry
/// writes must be byte-identical to what <c>llama-quantize</c> produces from the same floats.
/// </summary>
internal static unsafe class KQuantSearch
{
    /// <summary>Below this a group is treated as all zeros (ggml's GROUP_MAX_EPS).</summary>
    public const float GroupMaxEps = 1e-15f;

    /// <summary>
    /// ggml's <c>nearest_int</c>: adding 1.5·2^23 makes the float unit round the value to an integer (ties to even)
    /// in the low mantissa bits. Valid for |value| ≤ 4194303.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NearestInt(float value)
    {
        float shifted = value + 12582912f;
        int bits = BitConverter.SingleToInt32Bits(shifted);
        return (bits & 0x007fffff) - 0x00400000;
    }

    /// <summary>
    /// Symmetric quantization of <paramref name="n"/> values to integers in [-nmax, nmax-1] (stored +nmax in
    /// <paramref name="levels"/>), choosing among 19 candidate scales the one minimising the weighted squared error.
    /// Weights: <paramref name="quantWeights"/> when given, else x² for rmseType 1. Returns the scale.
    /// </summary>
    public static float MakeQxQuants(int n, int nmax, float* x, sbyte* levels, int rmseType, float* quantWeights)
    {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; ++i)
        {
            float ax = MathF.Abs(x[i]);
            if (ax > amax)
            {
                amax = ax;
                max = x[i];
            }
        }
        if (amax < GroupMaxEps)
        {
            for (int i = 0; i < n; ++i)
            {
                levels[i] = 0;
            }
            return 0f;
        }
        float iscale = -nmax / max;
        if (rmseType == 0)
        {
            for (int i = 0; i < n; ++i)
            {
                int l = NearestInt(iscale * x[i]);
                levels[i] = (sbyte)(nmax + Math.Max(-nmax, Math.Min(nmax - 1, l)));
            }
            return 1 / iscale;
        }
        bool returnEarly = false;
        if (rmseType < 0)
        {
            rmseType = -rmseType;
            returnEarly = true;
        }
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; ++i)
        {
            int l = NearestInt(iscale * x[i]);
            l = Math.Max(-nmax, Math.Min(nmax - 1, l));
            levels[i] = (sbyte)(l + nmax);
            float w = Weight(x, quantWeights, rmseType, i);
            sumlx += w * x[i] * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0f;
        if (returnEarly)
        {
            return suml2 > 0 ? 0.5f * (scale + 1 / iscale) : 1 / iscale;
        }
        float best = scale * sumlx;
        for (int step = -9; step <= 9; ++step)
        {
            if (step == 0)
            {
                continue;
            }
            iscale = -(nmax + 0.1f * step) / max;
            sumlx = suml2 = 0;
            for (int i = 0; i < n; ++i)
            {
                int l = NearestInt(iscale * x[i]);
                l = Math.Max(-nmax, Math.Min(nmax - 1, l));
                float w = Weight(x, quantWeights, rmseType, i);
                sumlx += w * x[i] * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2)
            {
                for (int i = 0; i < n; ++i)
                {
                    int l = NearestInt(iscale * x[i]);
                    levels[i] = (sbyte)(nmax + Math.Max(-nmax, Math.Min(nmax - 1, l)));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    /// <summary>
    /// Asymmetric (scale + min) quantization of <paramref name="n"/> values to [0, nmax]: starts from the min/max
    /// fit, then tries nstep+1 scales around it, solving the weighted least-squares scale and min for each.
    /// Returns the scale; <paramref name="theMin"/> receives the (non-negative) amount subtracted.
    /// </summary>
    public static float MakeQkx2Quants(int n, int nmax, float* x, float* weights, byte* levels, out float theMin,
        byte* levelsAux, float rmin, float rdelta, int nstep, bool useMad)
    {
        float min = x[0];
        float max = x[0];
        float sumW = weights[0];
        float sumX = sumW * x[0];
        for (int i = 1; i < n; ++i)
        {
            if (x[i] < min) min = x[i];
            if (x[i] > max) max = x[i];
            float w = weights[i];
            sumW += w;
            sumX += w * x[i];
        }
        if (min > 0) min = 0;
        if (max == min)
        {
            for (int i = 0; i < n; ++i)
            {
                levels[i] = 0;
            }
            theMin = -min;
            return 0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i)
        {
            int l = NearestInt(iscale * (x[i] - min));
            levels[i] = (byte)Math.Max(0, Math.Min(nmax, l));
            float diff = scale * levels[i] + min - x[i];
            diff = useMad ? MathF.Abs(diff) : diff * diff;
            bestError += weights[i] * diff;
        }
        if (nstep < 1)
        {
            theMin = -min;
            return scale;
        }
        for (int step = 0; step <= nstep; ++step)
        {
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXL = 0;
            for (int i = 0; i < n; ++i)
            {
                int l = NearestInt(iscale * (x[i] - min));
                l = Math.Max(0, Math.Min(nmax, l));
                levelsAux[i] = (byte)l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0)
            {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0)
                {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < n; ++i)
                {
                    float diff = thisScale * levelsAux[i] + thisMin - x[i];
                    diff = useMad ? MathF.Abs(diff) : diff * diff;
                    error += weights[i] * diff;
                }
                if (error < bestError)
                {
                    for (int i = 0; i < n; ++i)
                    {
                        levels[i] = levelsAux[i];
                    }
                    bestError = error;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin = -min;
        return scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Weight(float* x, float* quantWeights, int rmseType, int i)
    {
        if (quantWeights != null) return quantWeights[i];
        return rmseType switch
        {
            1 => x[i] * x[i],
            2 => 1,
            3 => MathF.Abs(x[i]),
            _ => MathF.Sqrt(MathF.Abs(x[i])),
        };
    }
}
