using System.Diagnostics;

namespace Gantry.Security.Usage;

/// <summary>
/// The Laplace mechanism: releasing <c>value + Laplace(sensitivity / ε)</c> is ε-differentially private for a query
/// whose value one individual's data can move by at most <c>sensitivity</c>. Randomness is injected (seeded in tests;
/// a cryptographic source in production, so noise cannot be predicted and subtracted).
/// </summary>
public sealed class LaplaceMechanism(Func<double> uniform01)
{
    /// <summary>A production mechanism drawing from the OS's cryptographic generator.</summary>
    public static LaplaceMechanism Secure() => new(() =>
    {
        Span<byte> b = stackalloc byte[8];
        System.Security.Cryptography.RandomNumberGenerator.Fill(b);
        return (BitConverter.ToUInt64(b) >> 11) * (1.0 / (1UL << 53));
    });

    public static LaplaceMechanism Seeded(int seed)
    {
        var rng = new Random(seed);
        return new LaplaceMechanism(rng.NextDouble);
    }

    public double Noisy(double value, double sensitivity, double epsilon)
    {
        Debug.Assert(sensitivity > 0 && epsilon > 0);
        return value + Sample(sensitivity / epsilon);
    }

    /// <summary>One draw of Laplace(0, b) by inverting the CDF of a uniform draw in (-½, ½).</summary>
    public double Sample(double scale)
    {
        double u;
        do u = uniform01() - 0.5; while (u <= -0.5); // keep 1 - 2|u| > 0
        return -scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }
}
