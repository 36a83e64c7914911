namespace Gantry.Engine.Constraints;

/// <summary>
/// Splits a set of code points into UTF-8 byte-range sequences: each sequence is a list of inclusive byte ranges
/// whose product is exactly a block of code points' encodings (the construction regex engines use to match
/// Unicode classes on bytes). The grammar engine matches bytes, so a class becomes an alternation of these.
/// </summary>
public static class Utf8Sequences
{
    /// <summary>The sequences covering <paramref name="set"/>, in code point order.</summary>
    public static List<(byte Lo, byte Hi)[]> Of(CodePointSet set)
    {
        var result = new List<(byte, byte)[]>();
        foreach (var (lo, hi) in set.Ranges)
        {
            // Split at the encoding-length boundaries, then within one length at continuation-byte boundaries.
            int[] limits = [0x7F, 0x7FF, 0xFFFF, CodePointSet.MaxCodePoint];
            var start = lo;
            foreach (var limit in limits)
            {
                if (start > hi) break;
                if (start > limit) continue;
                Split(start, Math.Min(hi, limit), result);
                start = limit + 1;
            }
        }
        return result;
    }

    private static void Split(int lo, int hi, List<(byte, byte)[]> output)
    {
        var n = Length(lo);
        for (var i = 1; i < n; i++)
        {
            var m = (1 << (6 * i)) - 1;
            if ((lo & ~m) == (hi & ~m)) continue;
            if ((lo & m) != 0)
            {
                Split(lo, lo | m, output);
                Split((lo | m) + 1, hi, output);
                return;
            }
            if ((hi & m) != m)
            {
                Split(lo, (hi & ~m) - 1, output);
                Split(hi & ~m, hi, output);
                return;
            }
        }
        Span<byte> a = stackalloc byte[4];
        Span<byte> b = stackalloc byte[4];
        Encode(lo, a);
        Encode(hi, b);
        var seq = new (byte, byte)[n];
        for (var i = 0; i < n; i++) seq[i] = (a[i], b[i]);
        output.Add(seq);
    }

    private static int Length(int cp) => cp <= 0x7F ? 1 : cp <= 0x7FF ? 2 : cp <= 0xFFFF ? 3 : 4;

    private static void Encode(int cp, Span<byte> bytes)
    {
        switch (Length(cp))
        {
            case 1:
                bytes[0] = (byte)cp;
                break;
            case 2:
                bytes[0] = (byte)(0xC0 | (cp >> 6));
                bytes[1] = (byte)(0x80 | (cp & 0x3F));
                break;
            case 3:
                bytes[0] = (byte)(0xE0 | (cp >> 12));
                bytes[1] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                bytes[2] = (byte)(0x80 | (cp & 0x3F));
                break;
            default:
                bytes[0] = (byte)(0xF0 | (cp >> 18));
                bytes[1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                bytes[2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                bytes[3] = (byte)(0x80 | (cp & 0x3F));
                break;
        }
    }
}
