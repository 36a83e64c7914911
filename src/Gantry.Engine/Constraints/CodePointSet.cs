namespace Gantry.Engine.Constraints;

/// <summary>
/// An immutable set of Unicode scalar values as sorted, disjoint, non-adjacent inclusive ranges. Character classes
/// of grammars and regular expressions are built with it; surrogates (U+D800–U+DFFF) are never members, since no
/// UTF-8 text can contain them.
/// </summary>
public sealed class CodePointSet : IEquatable<CodePointSet>
{
    public const int MaxCodePoint = 0x10FFFF;
    private readonly (int Lo, int Hi)[] _ranges;

    private CodePointSet((int Lo, int Hi)[] normalized) => _ranges = normalized;

    public static CodePointSet Empty { get; } = new([]);

    /// <summary>Every scalar value (what GBNF's <c>.</c> matches).</summary>
    public static CodePointSet All { get; } = FromRanges([(0, MaxCodePoint)]);

    public IReadOnlyList<(int Lo, int Hi)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public static CodePointSet Single(int codePoint) => FromRanges([(codePoint, codePoint)]);

    /// <summary>Builds a set from ranges in any order, overlapping or not; surrogates are removed.</summary>
    public static CodePointSet FromRanges(IEnumerable<(int Lo, int Hi)> ranges)
    {
        var list = new List<(int Lo, int Hi)>();
        foreach (var (lo, hi) in ranges)
        {
            if (lo > hi || hi < 0 || lo > MaxCodePoint) continue;
            var a = Math.Max(lo, 0);
            var b = Math.Min(hi, MaxCodePoint);
            if (a < 0xD800 && b >= 0xD800) list.Add((a, 0xD7FF));
            if (b > 0xDFFF && a <= 0xDFFF) list.Add((0xE000, b));
            if (b < 0xD800 || a > 0xDFFF) list.Add((a, b));
        }
        list.Sort((x, y) => x.Lo.CompareTo(y.Lo));
        var merged = new List<(int Lo, int Hi)>(list.Count);
        foreach (var r in list)
        {
            if (merged.Count > 0 && r.Lo <= merged[^1].Hi + 1)
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, r.Hi));
            else
                merged.Add(r);
        }
        // A range that merged across the surrogate gap is still fine: the gap was removed before merging,
        // and 0xD7FF + 1 == 0xD800 is never adjacent to 0xE000.
        return new CodePointSet([.. merged]);
    }

    public bool Contains(int codePoint)
    {
        foreach (var (lo, hi) in _ranges)
        {
            if (codePoint < lo) return false;
            if (codePoint <= hi) return true;
        }
        return false;
    }

    public CodePointSet Union(CodePointSet other) => FromRanges(_ranges.Concat(other._ranges));

    /// <summary>Every scalar value not in this set.</summary>
    public CodePointSet Complement()
    {
        var result = new List<(int, int)>();
        var next = 0;
        foreach (var (lo, hi) in _ranges)
        {
            if (lo > next) result.Add((next, lo - 1));
            next = hi + 1;
        }
        if (next <= MaxCodePoint) result.Add((next, MaxCodePoint));
        return FromRanges(result);
    }

    public CodePointSet Except(CodePointSet other) => Complement().Union(other).Complement();

    public bool Equals(CodePointSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as CodePointSet);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var r in _ranges) h.Add(r);
        return h.ToHashCode();
    }

    public override string ToString() => string.Join(",", _ranges.Select(r => r.Lo == r.Hi ? $"U+{r.Lo:X}" : $"U+{r.Lo:X}-U+{r.Hi:X}"));
}
