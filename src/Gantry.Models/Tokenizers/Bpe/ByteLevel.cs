namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// GPT-2's reversible byte → printable character table (llama.cpp's unicode_byte_to_utf8_map).
/// Printable Latin-1 bytes map to themselves; the other 68 bytes map, in byte order, to U+0100
/// onward, so that a space is "Ġ" (U+0120) and a newline "Ċ" (U+010A). Byte-level vocabularies
/// store every token in this alphabet.
/// </summary>
internal static class ByteLevel
{
    private static readonly char[] s_byteToChar = BuildByteToChar();
    private static readonly short[] s_charToByte = BuildCharToByte(s_byteToChar);

    public static char ToChar(byte b) => s_byteToChar[b];

    /// <summary>The byte <paramref name="c"/> stands for, or -1 if it is not in the alphabet.</summary>
    public static int ToByte(char c) => c < s_charToByte.Length ? s_charToByte[c] : -1;

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= 0x21 and <= 0x7E or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }

    private static short[] BuildCharToByte(char[] byteToChar)
    {
        var map = new short[byteToChar.Max() + 1];
        Array.Fill(map, (short)-1);
        for (var b = 0; b < 256; b++) map[byteToChar[b]] = (short)b;
        return map;
    }
}
