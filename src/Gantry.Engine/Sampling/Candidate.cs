using System.Runtime.CompilerServices;

namespace Gantry.Engine.Sampling;

/// <summary>One token still in the running, with its current (possibly penalized or scaled) logit.</summary>
public struct Candidate(int id, float logit)
{
    public int Id = id;
    public float Logit = logit;

    /// <summary>
    /// The one order every stage uses: higher logit first, ties to the lower token id. It is a strict
    /// total order (ids are unique, NaN never enters a <see cref="CandidateSet"/>), so selection and
    /// sorting are deterministic and greedy picks the lowest id among equal maxima.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Precedes(in Candidate a, in Candidate b) =>
        a.Logit > b.Logit || (a.Logit == b.Logit && a.Id < b.Id);

    /// <summary><see cref="Precedes"/> as a comparison for <c>Span.Sort</c>; a static lambda is cached, so sorting allocates nothing.</summary>
    public static readonly Comparison<Candidate> Order = static (a, b) =>
        Precedes(a, b) ? -1 : Precedes(b, a) ? 1 : 0;

    public override readonly string ToString() => $"{Id}:{Logit}";
}
