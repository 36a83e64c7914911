namespace Gantry.Server.Drift;

/// <summary>
/// How far a window's distribution (counts per bin) moved from a reference's: the population stability index
/// PSI = Σ (p − q) ln(p / q) and the Kullback–Leibler divergence KL(p ‖ q) = Σ p ln(p / q), p the window, q the
/// reference. Each bin gets half a count added on both sides first (additive smoothing), so an empty bin gives a finite
/// score and bins empty in both add nothing.
/// </summary>
public static class DriftScore
{
    private const double Smoothing = 0.5;

    public static (double Psi, double Kl) Compare(ReadOnlySpan<int> window, int windowTotal, ReadOnlySpan<int> reference, int referenceTotal)
    {
        double psi = 0, kl = 0;
        double pTotal = windowTotal + Smoothing * window.Length, qTotal = referenceTotal + Smoothing * reference.Length;
        for (var i = 0; i < window.Length; i++)
        {
            var p = (window[i] + Smoothing) / pTotal;
            var q = (reference[i] + Smoothing) / qTotal;
            var log = Math.Log(p / q);
            psi += (p - q) * log;
            kl += p * log;
        }
        return (psi, Math.Max(0, kl)); // KL is never negative; rounding can make a tiny one
    }
}
