using static Gantry.Models.Tokenizers.Bpe.PieceCursor;

namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// GPT-2's pre-tokenizer regex <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>
/// as the hand-written scanner llama.cpp runs instead of the regex (unicode_regex_split_custom_gpt2).
/// The scanner, not the regex, is what has to be matched: it is what produces llama.cpp's ids.
/// </summary>
internal sealed class Gpt2Splitter : IPreTokenizerStep
{
    public static readonly Gpt2Splitter Instance = new();

    public void Split(in PreTokenizerInput input, List<int> pieces, List<int> output)
    {
        var start = 0;
        foreach (var length in pieces)
        {
            var c = new PieceCursor(input, start, start + length, output);
            start += length;
            for (var pos = c.Start; pos < c.End;)
            {
                var cpt = c.Codepoint(pos);
                var flags = c.Flags(pos);

                // 's|'t|'re|'ve|'m|'ll|'d  (case-sensitive)
                if (cpt == '\'' && pos + 1 < c.End)
                {
                    var next = c.Codepoint(pos + 1);
                    if (next is 's' or 't' or 'm' or 'd')
                    {
                        pos += c.Cut(pos + 2);
                        continue;
                    }
                    if (pos + 2 < c.End)
                    {
                        var nextNext = c.Codepoint(pos + 2);
                        if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l'))
                        {
                            pos += c.Cut(pos + 3);
                            continue;
                        }
                    }
                }

                // An optional single ' ' in front of a letter, number or "other" run joins that run.
                var lead = cpt == ' ' ? c.Flags(pos + 1) : flags;
                if (IsLetter(lead))
                {
                    if (cpt == ' ') pos++;
                    while (IsLetter(lead)) lead = c.Flags(++pos);
                    c.Cut(pos);
                    continue;
                }
                if (IsNumber(lead))
                {
                    if (cpt == ' ') pos++;
                    while (IsNumber(lead)) lead = c.Flags(++pos);
                    c.Cut(pos);
                    continue;
                }
                if (IsOther(lead))
                {
                    if (cpt == ' ') pos++;
                    while (IsOther(lead)) lead = c.Flags(++pos);
                    c.Cut(pos);
                    continue;
                }

                var spaces = 0;
                while (IsWhitespace(c.Flags(pos + spaces))) spaces++;

                // \s+(?!\S): a whitespace run followed by more text leaves its last char to the next word.
                if (spaces > 1 && c.Codepoint(pos + spaces) != OutOfRange)
                {
                    pos += spaces - 1;
                    c.Cut(pos);
                    continue;
                }
                if (spaces > 0)
                {
                    pos += spaces;
                    c.Cut(pos);
                    continue;
                }

                c.Cut(++pos);
            }
        }
    }
}
