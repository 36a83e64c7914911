namespace Gantry.Models.Tokenizers;

/// <summary>A piece of the input: either raw text (<see cref="TokenId"/> = -1) or one special token found in it.</summary>
internal readonly record struct TextFragment(int TokenId, int Start, int Length)
{
    public bool IsText => TokenId < 0;
}

/// <summary>
/// Cuts the input at special-token texts before the model sees it (llama.cpp's
/// <c>tokenizer_st_partition</c>). User-defined tokens are always cut out; control and unknown
/// tokens only when the caller asks to parse special text, so "&lt;/s&gt;" typed by a user stays
/// plain text by default.
/// </summary>
/// <remarks>
/// Tokens are tried longest first, each over every text fragment left by the longer ones, and each
/// occurrence is taken left to right. This is the order llama.cpp uses, and it decides which token
/// wins when one special text contains another.
/// </remarks>
internal static class SpecialTokenSplitter
{
    public static void Split(Vocabulary vocabulary, string text, bool parseSpecial, List<TextFragment> fragments)
    {
        fragments.Clear();
        if (text.Length == 0) return;
        fragments.Add(new TextFragment(-1, 0, text.Length));

        foreach (var id in vocabulary.SpecialTokensLongestFirst)
        {
            var attributes = vocabulary.Attributes(id);
            if (!parseSpecial && (attributes & (TokenAttributes.Control | TokenAttributes.Unknown)) != 0) continue;
            var special = vocabulary.Text(id);

            for (var f = 0; f < fragments.Count; f++)
            {
                var fragment = fragments[f];
                if (!fragment.IsText) continue;
                var at = text.AsSpan(fragment.Start, fragment.Length).IndexOf(special, StringComparison.Ordinal);
                if (at < 0) continue;

                var matchStart = fragment.Start + at;
                var leftLength = at;
                if ((attributes & TokenAttributes.LStrip) != 0)
                    while (leftLength > 0 && IsAsciiSpace(text[fragment.Start + leftLength - 1])) leftLength--;

                var rightStart = matchStart + special.Length;
                var rightLength = fragment.Start + fragment.Length - rightStart;
                if ((attributes & TokenAttributes.RStrip) != 0)
                    while (rightLength > 0 && IsAsciiSpace(text[rightStart])) { rightStart++; rightLength--; }

                fragments.RemoveAt(f);
                if (leftLength > 0) fragments.Insert(f++, new TextFragment(-1, fragment.Start, leftLength));
                fragments.Insert(f, new TextFragment(id, matchStart, special.Length));
                // The right remainder (if any) is the next fragment; the loop visits it next and
                // finds the following occurrence there.
                if (rightLength > 0) fragments.Insert(f + 1, new TextFragment(-1, rightStart, rightLength));
            }
        }
    }

    // C isspace in the "C" locale, which is what llama.cpp's strip rules use.
    private static bool IsAsciiSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
