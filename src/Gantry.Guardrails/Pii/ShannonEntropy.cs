namespace Gantry.Guardrails.Pii;

/// <summary>Shannon entropy in bits per character, used to tell random tokens from identifiers and words.</summary>
public static class ShannonEntropy
{
    /// <summary>Entropy of the character distribution of <paramref name="s"/> (ASCII; other characters share one
    /// bucket). 0 for an empty span.</summary>
    public static double BitsPerChar(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        Span<int> counts = stackalloc int[129];
        foreach (var c in s) counts[c < 128 ? c : 128]++;
        double h = 0, n = s.Length;
        foreach (var k in counts)
        {
            if (k == 0) continue;
            var p = k / n;
            h -= p * Math.Log2(p);
        }
        return h;
    }
}
