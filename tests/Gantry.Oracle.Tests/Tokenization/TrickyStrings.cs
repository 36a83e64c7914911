namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// The inputs every tokenizer is checked on against llama.cpp, in one place. Cases are addressed
/// by name so that strings xunit cannot serialize (lone surrogates) still show up as one test each.
/// </summary>
public static class TrickyStrings
{
    public static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>
    {
        ["empty"] = "",
        ["single-space"] = " ",
        ["two-spaces"] = "  ",
        ["space-run"] = "     ",
        ["newline"] = "\n",
        ["newline-run"] = "\n\n\n",
        ["crlf"] = "line1\r\nline2\r\n",
        ["tab"] = "\t",
        ["tabs-and-spaces"] = "a\t\tb  \t c",
        ["leading-spaces"] = "   leading",
        ["trailing-spaces"] = "trailing   ",
        ["spaces-around-newlines"] = " \n hello \n ",
        ["newline-space-mix"] = "\n   \n\t\n",
        ["paragraphs"] = "Hello\n\nWorld",
        ["many-spaces-between"] = "a          b",
        ["hello-world"] = "Hello world",
        ["punctuation-sentence"] = "Hello, world! How are you? Fine.",
        ["digits"] = "1234567890",
        ["long-number"] = "3.14159265358979323846264338327950288419716939937510",
        ["digits-and-letters"] = "abc123def4567g89",
        ["contractions"] = "I'm sure you can't, we're sad they've gone, she'll know he'd said it's Bob's",
        ["upper-contractions"] = "IT'S WE'RE I'M YOU'LL",
        ["bare-apostrophes"] = "' '' ''' 's 'x",
        ["punctuation-runs"] = "!!!???...,,,;;;:::",
        ["symbols"] = "(a+b)*c=<d>|e^f~g$h`i@j#k%l&m_n{o}[p]\\q/r",
        ["accents-precomposed"] = "café naïve résumé Ångström",
        ["combining-marks"] = "cafe\u0301 nai\u0308ve a\u0300\u0301\u0302",
        ["german"] = "Grüße aus Köln, Straße",
        ["chinese"] = "你好，世界！我们来测试一下。",
        ["japanese"] = "こんにちは世界、カタカナ",
        ["korean"] = "안녕하세요 세계",
        ["thai"] = "สวัสดีครับ",
        ["hindi"] = "नमस्ते दुनिया",
        ["arabic"] = "مرحبا بالعالم",
        ["hebrew"] = "שלום עולם",
        ["emoji"] = "Hello 👋 world 🌍!",
        ["emoji-zwj-family"] = "👨‍👩‍👧‍👦",
        ["emoji-flag-skin-tone"] = "🇫🇷 👍🏽 ❤️",
        ["mixed-scripts"] = "Hello世界123!Привет",
        ["math-symbols"] = "∑∫√∞≠≤≥ ± × ÷",
        ["lone-high-surrogate"] = "a\uD800b",
        ["lone-low-surrogate"] = "\uDC00",
        ["special-eos-text"] = "</s>",
        ["special-bos-text"] = "<s>",
        ["special-unk-text"] = "<unk>",
        ["special-in-sentence"] = "Hello</s> world<s>again </s> ",
        ["endoftext-text"] = "<|endoftext|>",
        ["endoftext-in-sentence"] = "before<|endoftext|>after <|endoftext|>",
        ["llama3-chat-markers"] = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>",
        ["phi3-chat-markers"] = "<|user|>\n  Hi there <|end|>\n<|assistant|>  ok</s>  end<|endoftext|> ",
        ["byte-token-text"] = "<0x0A> <0xFF>",
        ["sentencepiece-space-char"] = "▁hello ▁ ▁▁",
        ["very-long-word"] = string.Concat(Enumerable.Repeat("antidisestablishmentarianism", 12)),
        ["repeated-char"] = new string('a', 200),
        ["code"] = "def f(x):\n    return x ** 2  # square\n\n\tif x != 0:\n\t\tpass",
        ["url"] = "https://example.com/path?q=1&r=2#frag",
        ["unicode-spaces"] = "a\u00A0b\u2003c\u3000d\u2028e",
        ["zero-width"] = "a\u200Bb\u200Dc\uFEFFd",
        ["control-chars"] = "\u0001\u0007x\u001F\u007F\u0085y",
        ["nul"] = "a\0b",
        ["private-use"] = "\uE000\uF8FF",
        ["unassigned"] = "\u0378\u0379",
        ["replacement-char"] = "\uFFFD",
    };

    public static TheoryData<string> Names { get; } = new(Cases.Keys);

    /// <summary>Random strings over a pool of awkward characters, seeded so failures reproduce.</summary>
    public static IEnumerable<string> Random(int seed, int count)
    {
        string[] pool =
        [
            " ", " ", " ", "  ", "\n", "\t", "\r\n", "a", "e", "T", "the", "ing", "'s", "'", "'re", "0", "7", "123", ".", ",", "!",
            "?", "-", "(", ")", "<", ">", "/", "s", "é", "e\u0301", "ß", "你", "好", "こ", "한", "ب", "ש", "👋", "🏽", "\u200D",
            "\u00A0", "\u3000", "▁", "<s>", "</s>", "<|endoftext|>", "ÿ", "Ġ", "\u0085", "\uFFFD", "\u0378", "﷽", "ﬁ", "²", "½",
        ];
        var random = new System.Random(seed);
        for (var i = 0; i < count; i++)
        {
            var parts = random.Next(1, 24);
            var sb = new System.Text.StringBuilder();
            for (var p = 0; p < parts; p++) sb.Append(pool[random.Next(pool.Length)]);
            yield return sb.ToString();
        }
    }

    /// <summary>
    /// Random code points from every plane (assigned or not, any category), to catch differences
    /// between .NET's Unicode tables and llama.cpp's copy.
    /// </summary>
    public static IEnumerable<string> RandomCodepoints(int seed, int count)
    {
        var random = new System.Random(seed);
        for (var i = 0; i < count; i++)
        {
            var sb = new System.Text.StringBuilder();
            for (int k = 0, n = random.Next(1, 12); k < n; k++)
            {
                var cp = random.Next(4) switch
                {
                    0 => random.Next(0x20, 0x250),
                    1 => random.Next(0x250, 0x3000),
                    2 => random.Next(0x3000, 0xD800),
                    _ => random.Next(0x10000, 0x30000),
                };
                sb.Append(char.ConvertFromUtf32(cp));
                if (random.Next(3) == 0) sb.Append(' ');
            }
            yield return sb.ToString();
        }
    }
}
