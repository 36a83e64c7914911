using Gantry.Models.Tokenizers;
using static Gantry.Models.Tests.Tokenizers.TestVocabularies;

namespace Gantry.Models.Tests.Tokenizers;

public class TokenizerConcurrencyTests
{
    [Fact]
    public void Encode_FromManyThreads_SameAsOneThread()
    {
        ITokenizer[] tokenizers =
        [
            TokenizerFactory.Create(SpmData(("▁", -1), ("a", -2), ("b", -2), ("▁a", -3), ("ab", -4))),
            TokenizerFactory.Create(BpeData("default", "a b", "  a", "1 2")),
            TokenizerFactory.Create(BpeData("qwen2", "a b", "  a", "1 2")),
        ];
        var random = new Random(5);
        var texts = Enumerable.Range(0, 400)
            .Select(i => new string(Enumerable.Range(0, random.Next(0, i == 0 ? 70_000 : 60)).Select(_ => "ab 12!é\n"[random.Next(8)]).ToArray()))
            .ToArray();

        foreach (var tokenizer in tokenizers)
        {
            var expected = texts.Select(t => tokenizer.Encode(t, true, true)).ToArray();
            var actual = new int[texts.Length][];
            Parallel.For(0, texts.Length * 2, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var n = i % texts.Length;
                actual[n] = tokenizer.Encode(texts[n], true, true);
            });
            for (var i = 0; i < texts.Length; i++) Assert.Equal(expected[i], actual[i]);
        }
    }
}
