using System.Globalization;
using System.Text;

namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// The Unicode classes llama.cpp's pre-tokenizers look at (its unicode_cpt_flags): one general
/// category group per code point, plus White_Space as a separate bit. Every real code point has
/// at least one bit (unassigned ones have <see cref="Undefined"/>); <see cref="None"/> is reserved
/// for "past the end of the piece", which llama.cpp's splitters test for.
/// </summary>
[Flags]
internal enum CodepointFlags : ushort
{
    None = 0,
    Number = 1 << 0,
    Letter = 1 << 1,
    Separator = 1 << 2,
    AccentMark = 1 << 3,
    Punctuation = 1 << 4,
    Symbol = 1 << 5,
    Control = 1 << 6,
    Undefined = 1 << 7,
    Whitespace = 1 << 8,

    CategoryMask = 0xFF,
}

internal static class Codepoints
{
    /// <summary>Flags of a code point, from .NET's Unicode tables (llama.cpp uses its own copy of the same data).</summary>
    public static CodepointFlags Flags(int codepoint)
    {
        if (codepoint < 0x80) return s_ascii[codepoint];
        if (codepoint > 0x10FFFF || codepoint is >= 0xD800 and <= 0xDFFF) return CodepointFlags.Control;
        return Classify(codepoint);
    }

    private static readonly CodepointFlags[] s_ascii = Enumerable.Range(0, 0x80).Select(Classify).ToArray();

    private static CodepointFlags Classify(int codepoint)
    {
        var rune = new Rune(codepoint);
        var flags = Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CodepointFlags.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CodepointFlags.Number,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => CodepointFlags.AccentMark,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => CodepointFlags.Punctuation,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => CodepointFlags.Symbol,
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => CodepointFlags.Separator,
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse => CodepointFlags.Control,
            _ => CodepointFlags.Undefined,
        };
        if (Rune.IsWhiteSpace(rune)) flags |= CodepointFlags.Whitespace;
        return flags;
    }

    /// <summary>Simple lowercase mapping, as the case-insensitive contraction rule needs.</summary>
    public static int ToLower(int codepoint) =>
        codepoint is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? codepoint : Rune.ToLowerInvariant(new Rune(codepoint)).Value;
}
