using System.Text;

namespace Gantry.Models.Tokenizers;

/// <summary>Whole-sequence decoding, as llama.cpp's llama_detokenize.</summary>
public static class TokenizerExtensions
{
    /// <summary>
    /// Decodes ids to text like <c>llama_detokenize(remove_special: false, unparse_special: false)</c>:
    /// control tokens vanish, the space a SentencePiece encoder put in front is dropped from the
    /// first token, and with <see cref="ITokenizer.CleanSpaces"/> " ." " ," " 's" and the like are
    /// tightened. Invalid UTF-8 becomes U+FFFD.
    /// </summary>
    public static string Decode(this ITokenizer tokenizer, ReadOnlySpan<int> ids) =>
        Encoding.UTF8.GetString(tokenizer.DecodeUtf8(ids));

    /// <summary>The UTF-8 bytes <see cref="Decode"/> turns into text; may be invalid UTF-8, as llama.cpp's are.</summary>
    /// <param name="renderSpecial">Write control tokens' text too (llama.cpp's unparse_special).</param>
    public static byte[] DecodeUtf8(this ITokenizer tokenizer, ReadOnlySpan<int> ids, bool renderSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var buffer = new List<byte>(ids.Length * 4);
        // llama.cpp drops one leading space from the first token only, even if that token renders
        // as nothing (a BOS), so "<s>▁Hi" decodes to " Hi".
        var removeSpace = tokenizer.AddSpacePrefix;
        foreach (var id in ids)
        {
            var piece = tokenizer.TokenBytes(id, renderSpecial);
            if (removeSpace && piece.Length > 0 && piece[0] == (byte)' ') piece = piece[1..];
            removeSpace = false;
            buffer.AddRange(piece);
        }
        var bytes = buffer.ToArray();
        return tokenizer.CleanSpaces ? CleanSpaces(bytes) : bytes;
    }

    // llama.cpp's three clean_spaces passes, byte for byte.
    private static byte[] CleanSpaces(byte[] text)
    {
        var total = text.Length;

        // " ?", " !", " .", " ," lose the space.
        var total1 = total;
        total = total > 0 ? 1 : 0;
        for (var i = 1; i < total1; i++)
        {
            var x = text[i];
            if (text[i - 1] == ' ' && x is (byte)'?' or (byte)'!' or (byte)'.' or (byte)',') total--;
            text[total++] = x;
        }

        // " ' " loses both spaces.
        var total2 = total;
        total = total > 0 ? 1 : 0;
        for (var i = 1; i < total2; i++)
        {
            var x = text[i];
            if (x == '\'' && i + 1 < total2 && text[i - 1] == ' ' && text[i + 1] == ' ')
            {
                total--;
                text[++i] = 0;
            }
            text[total++] = x;
        }

        // " 's", " 'm", " 're", " 've" lose the space (" 't", " 'd", " 'll" keep it).
        var total3 = total;
        total = total > 0 ? 1 : 0;
        for (var i = 1; i < total3; i++)
        {
            var x = text[i];
            if (text[i - 1] == ' ' && x == '\'' && i + 1 < total3)
            {
                var x1 = text[i + 1];
                if (x1 is (byte)'s' or (byte)'m') total--;
                else if (x1 is not ((byte)'t' or (byte)'d') && i + 2 < total3)
                {
                    var x2 = text[i + 2];
                    if ((x1 == 'r' && x2 == 'e') || (x1 == 'v' && x2 == 'e')) total--;
                }
            }
            text[total++] = x;
        }
        return text[..total];
    }
}
