using static Gantry.Models.Tokenizers.Bpe.PieceCursor;

namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// Llama 3's pre-tokenizer regex
/// <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>
/// as llama.cpp's hand-written scanner (unicode_regex_split_custom_llama3), which llama.cpp
/// uses for every pre-tokenizer with exactly this regex (llama-bpe, dbrx, smaug-bpe, ...).
/// </summary>
internal sealed class Llama3Splitter : IPreTokenizerStep
{
    public static readonly Llama3Splitter Instance = new();

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

                // (?i:'s|'t|'re|'ve|'m|'ll|'d)
                if (cpt == '\'' && pos + 1 < c.End)
                {
                    var next = Codepoints.ToLower(c.Codepoint(pos + 1));
                    if (next is 's' or 't' or 'm' or 'd')
                    {
                        pos += c.Cut(pos + 2);
                        continue;
                    }
                    if (pos + 2 < c.End)
                    {
                        var nextNext = Codepoints.ToLower(c.Codepoint(pos + 2));
                        if ((next == 'r' && nextNext == 'e') || (next == 'v' && nextNext == 'e') || (next == 'l' && nextNext == 'l'))
                        {
                            pos += c.Cut(pos + 3);
                            continue;
                        }
                    }
                }

                // [^\r\n\p{L}\p{N}]?\p{L}+
                if (!(cpt == '\r' || cpt == '\n' || IsNumber(flags)) && (IsLetter(flags) || IsLetter(c.Flags(pos + 1))))
                {
                    pos++;
                    while (IsLetter(c.Flags(pos))) pos++;
                    c.Cut(pos);
                    continue;
                }

                // \p{N}{1,3}
                if (IsNumber(flags))
                {
                    var runStart = pos;
                    while (IsNumber(c.Flags(pos)))
                    {
                        if (++pos - runStart >= 3)
                        {
                            c.Cut(pos);
                            runStart = pos;
                        }
                    }
                    c.Cut(pos);
                    continue;
                }

                //  ?[^\s\p{L}\p{N}]+[\r\n]*   (llama.cpp tests the first char's own flags for "in range")
                var lead = cpt == ' ' ? c.Flags(pos + 1) : flags;
                if ((lead & (CodepointFlags.Whitespace | CodepointFlags.Letter | CodepointFlags.Number)) == 0 && flags != CodepointFlags.None)
                {
                    if (cpt == ' ') pos++;
                    while (IsOther(lead)) lead = c.Flags(++pos);
                    var after = c.Codepoint(pos);
                    while (after is '\r' or '\n') after = c.Codepoint(++pos);
                    c.Cut(pos);
                    continue;
                }

                var spaces = 0;
                var lastNewlineEnd = 0;
                while (IsWhitespace(c.Flags(pos + spaces)))
                {
                    if (c.Codepoint(pos + spaces) is '\r' or '\n') lastNewlineEnd = pos + spaces + 1;
                    spaces++;
                }

                // \s*[\r\n]+
                if (lastNewlineEnd > 0)
                {
                    pos = lastNewlineEnd;
                    c.Cut(pos);
                    continue;
                }
                // \s+(?!\S)
                if (spaces > 1 && c.Codepoint(pos + spaces) != OutOfRange)
                {
                    pos += spaces - 1;
                    c.Cut(pos);
                    continue;
                }
                // \s+
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
