namespace Gantry.Guardrails.Learning;

/// <summary>
/// Hashes the character n-grams of a text into a fixed number of buckets (the "hashing trick"): no vocabulary to
/// ship, any script works (a Chinese bigram and an English 4-gram are both just n consecutive UTF-16 units), and
/// unseen n-grams land in buckets whose weights are small. Lengths <see cref="MinN"/>..<see cref="MaxN"/>;
/// a space is added at both ends so word starts and ends form their own n-grams. Then every word (a run of
/// letters and digits) and every pair of consecutive words, hashed apart from the character n-grams: a word
/// pair ("your instructions", "system prompt") carries what a 6-character window cannot span. Stateless.
/// </summary>
public static class NgramHasher
{
    public const int MinN = 3;
    public const int MaxN = 6;

    /// <summary>Number of n-grams <see cref="Hash"/> writes for a text of <paramref name="length"/> characters.</summary>
    public static int Count(int length)
    {
        var padded = length + 2;
        var n = 0;
        for (var k = MinN; k <= MaxN; k++) n += Math.Max(0, padded - k + 1);
        // At most (length + 1) / 2 words, and one pair fewer than words.
        return n + length + 1;
    }

    /// <summary>Writes the bucket (in [0, <paramref name="buckets"/>)) of every n-gram of " text " into
    /// <paramref name="output"/>, which holds at least <see cref="Count"/> entries, then the buckets of its words and
    /// word pairs; returns how many were written.
    /// <paramref name="buckets"/> must be a power of two.</summary>
    public static int Hash(ReadOnlySpan<char> text, int buckets, Span<int> output)
    {
        var mask = (uint)buckets - 1;
        var written = 0;
        var padded = text.Length + 2;
        for (var start = 0; start < padded; start++)
        {
            // FNV-1a over UTF-16 units, extended one character at a time: each prefix length is one n-gram.
            var h = 2166136261u;
            for (var k = 0; k < MaxN && start + k < padded; k++)
            {
                var at = start + k;
                var c = at == 0 || at == padded - 1 ? ' ' : text[at - 1];
                h = (h ^ c) * 16777619u;
                if (k + 1 >= MinN) output[written++] = (int)(Mix(h + (uint)k) & mask);
            }
        }
        return written + HashWords(text, mask, output[written..]);
    }

    private const uint WordSeed = 0x9E3779B9u;
    private const uint PairSeed = 0x7F4A7C15u;

    private static int HashWords(ReadOnlySpan<char> text, uint mask, Span<int> output)
    {
        var written = 0;
        var previous = 0u;
        var havePrevious = false;
        for (var at = 0; at < text.Length;)
        {
            if (!IsWordChar(text[at])) { at++; continue; }
            var h = 2166136261u;
            while (at < text.Length && IsWordChar(text[at])) h = (h ^ text[at++]) * 16777619u;
            output[written++] = (int)(Mix(h ^ WordSeed) & mask);
            if (havePrevious) output[written++] = (int)(Mix(previous * 31 + h ^ PairSeed) & mask);
            previous = h;
            havePrevious = true;
        }
        return written;
    }

    /// <summary>Letters, digits and combining marks (Devanagari vowel signs are marks, not letters).</summary>
    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>A finalizer (murmur3's fmix32): FNV's low bits alone spread poorly under a power-of-two mask.</summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        return h ^ (h >> 16);
    }
}
