using Gantry.Models.Tokenizers;

namespace Gantry.Engine.Constraints;

/// <summary>
/// Every token of a vocabulary by its bytes, in a trie, built once per vocabulary so a step's token mask is one
/// walk that follows the grammar automaton byte by byte and prunes a whole subtree at the first rejected byte.
/// Tokens that stand for no bytes (control tokens) are left out; end-of-generation tokens are listed apart
/// (allowed exactly when the grammar accepts).
/// </summary>
/// <remarks>
/// Layout: nodes in preorder with first-child / next-sibling links; tokens are sorted by their bytes, so the
/// tokens that end at a node are one contiguous run of <see cref="SortedTokens"/>. Immutable and thread-safe.
/// </remarks>
public sealed class TokenTrie
{
    private readonly int[] _firstChild;   // (nodes) -1 = leaf
    private readonly int[] _nextSibling;  // (nodes) -1 = last child
    private readonly byte[] _edgeByte;    // (nodes) byte on the edge into the node
    private readonly int[] _tokenStart;   // (nodes) first index into _sortedTokens
    private readonly int[] _tokenCount;   // (nodes)
    private readonly int[] _sortedTokens; // (tokens in the trie)
    private readonly int[] _byteOffsets;  // (vocab + 1) each token's bytes in _bytes
    private readonly byte[] _bytes;

    public TokenTrie(ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        VocabSize = tokenizer.VocabSize;
        _byteOffsets = new int[VocabSize + 1];
        var all = new List<byte>();
        var eog = new List<int>();
        var inTrie = new List<int>();
        for (var id = 0; id < VocabSize; id++)
        {
            _byteOffsets[id] = all.Count;
            if (tokenizer.IsEndOfGeneration(id))
            {
                eog.Add(id);
                continue;
            }
            var bytes = tokenizer.TokenBytes(id);
            if (bytes.IsEmpty) continue;
            foreach (var b in bytes) all.Add(b);
            inTrie.Add(id);
        }
        _byteOffsets[VocabSize] = all.Count;
        _bytes = [.. all];
        EndOfGenerationTokens = [.. eog];
        inTrie.Sort((a, b) => TokenBytes(a).SequenceCompareTo(TokenBytes(b)) is var c && c != 0 ? c : a.CompareTo(b));
        _sortedTokens = [.. inTrie];

        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var lastChild = new List<int> { -1 };
        var edge = new List<byte> { 0 };
        var tokenStart = new List<int> { 0 };
        var tokenCount = new List<int> { 0 };
        var path = new List<int> { 0 }; // path[d] = node at depth d for the previous token
        ReadOnlySpan<byte> previous = [];
        for (var i = 0; i < _sortedTokens.Length; i++)
        {
            var bytes = TokenBytes(_sortedTokens[i]);
            var common = bytes.CommonPrefixLength(previous);
            path.RemoveRange(common + 1, path.Count - common - 1);
            for (var d = common; d < bytes.Length; d++)
            {
                var parent = path[^1];
                var node = firstChild.Count;
                firstChild.Add(-1);
                nextSibling.Add(-1);
                lastChild.Add(-1);
                edge.Add(bytes[d]);
                tokenStart.Add(0);
                tokenCount.Add(0);
                if (lastChild[parent] < 0) firstChild[parent] = node;
                else nextSibling[lastChild[parent]] = node;
                lastChild[parent] = node;
                path.Add(node);
            }
            var end = path[^1];
            if (tokenCount[end] == 0) tokenStart[end] = i;
            tokenCount[end]++;
            previous = bytes;
        }
        _firstChild = [.. firstChild];
        _nextSibling = [.. nextSibling];
        _edgeByte = [.. edge];
        _tokenStart = [.. tokenStart];
        _tokenCount = [.. tokenCount];

        var singles = new bool[256];
        for (var c = _firstChild[0]; c >= 0; c = _nextSibling[c])
            if (_tokenCount[c] > 0) singles[_edgeByte[c]] = true;
        HasEverySingleByte = singles.All(x => x);
    }

    public int VocabSize { get; }

    /// <summary>Nodes including the root (node 0).</summary>
    public int NodeCount => _firstChild.Length;

    /// <summary>Tokens that end generation (EOS, EOT, ...): allowed when the grammar accepts.</summary>
    public int[] EndOfGenerationTokens { get; }

    /// <summary>
    /// Whether each of the 256 bytes is a token on its own (byte fallback or byte-level BPE). Then any text can be
    /// written one byte per token, which is what makes the budget guarantee (close within max_tokens) hold.
    /// </summary>
    public bool HasEverySingleByte { get; }

    /// <summary>The bytes the grammar sees for a token (empty for control tokens).</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => _bytes.AsSpan(_byteOffsets[id], _byteOffsets[id + 1] - _byteOffsets[id]);

    internal ReadOnlySpan<int> SortedTokens => _sortedTokens;

    internal int FirstChild(int node) => _firstChild[node];

    internal int NextSibling(int node) => _nextSibling[node];

    internal byte EdgeByte(int node) => _edgeByte[node];

    internal ReadOnlySpan<int> TokensAt(int node) => _sortedTokens.AsSpan(_tokenStart[node], _tokenCount[node]);

    internal bool HasTokens(int node) => _tokenCount[node] > 0;
}
