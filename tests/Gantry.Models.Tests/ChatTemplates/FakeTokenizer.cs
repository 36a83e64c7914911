using System.Text;
using Gantry.Models.Tokenizers;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>A vocabulary of given token texts; only what <c>ChatTemplate.FromGguf</c> reads is implemented.</summary>
internal sealed class FakeTokenizer(string[] vocabulary, int bosId, int eosId) : ITokenizer
{
    public int VocabSize => vocabulary.Length;
    public int BosId => bosId;
    public int EosId => eosId;
    public bool AddBos => bosId >= 0;
    public bool AddEos => false;
    public bool AddSpacePrefix => false;
    public bool CleanSpaces => false;
    public int[] Encode(string text, bool addSpecial, bool parseSpecial) => throw new NotSupportedException();
    public ReadOnlySpan<byte> TokenBytes(int id, bool renderSpecial = false) => Encoding.UTF8.GetBytes(vocabulary[id]);
    public bool IsEndOfGeneration(int id) => id == eosId;
    public string TokenText(int id) => vocabulary[id];
    public TokenAttributes GetAttributes(int id) => default;

    /// <summary>Filler words plus the given special tokens; BOS and EOS are the first two specials.</summary>
    public static FakeTokenizer With(params string[] specials) =>
        new([.. specials, "a", "b", "the", "▁hello", "Ġworld"], specials.Length > 0 ? 0 : -1, specials.Length > 1 ? 1 : -1);
}
