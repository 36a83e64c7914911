using Gantry.Models.Lora;

namespace Gantry.Models.Attention;

/// <summary>
/// The tokens of one engine step: for each scheduled sequence, a run of consecutive tokens starting at a known
/// position, and the block table that maps its positions to KV cache blocks. Reused across steps (cleared, not
/// reallocated) so a step allocates nothing once capacities have grown.
/// </summary>
public sealed class ForwardBatch
{
    private int[] _tokens = new int[64];
    private int[] _positions = new int[64];
    private int[] _outputRows = new int[16];
    private int[] _blockTables = new int[64];
    private int _blockTableLength;
    private readonly List<SequenceSlice> _sequences = [];

    public int TokenCount { get; private set; }

    public int OutputCount { get; private set; }

    /// <summary>(TokenCount) token ids, sequence after sequence.</summary>
    public ReadOnlySpan<int> Tokens => _tokens.AsSpan(0, TokenCount);

    /// <summary>(TokenCount) absolute position of each token within its sequence.</summary>
    public ReadOnlySpan<int> Positions => _positions.AsSpan(0, TokenCount);

    /// <summary>(OutputCount) indices of the tokens whose logits are wanted, in the order logits are written.</summary>
    public ReadOnlySpan<int> OutputRows => _outputRows.AsSpan(0, OutputCount);

    public ReadOnlySpan<SequenceSlice> Sequences => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sequences);

    public void Clear()
    {
        TokenCount = 0;
        OutputCount = 0;
        _blockTableLength = 0;
        _sequences.Clear();
    }

    /// <summary>
    /// Adds <paramref name="tokens"/> of one sequence at positions <paramref name="startPosition"/>…; keys and values
    /// for every position up to the last one must be reachable through <paramref name="blockTable"/>.
    /// </summary>
    /// <param name="outputs">How many of the last tokens want logits: 1 for prefill and decode, k+1 for speculative verification, 0 for a prefill chunk that does not end the prompt.</param>
    /// <param name="lora">The adapters this sequence runs with; null for the base model alone.</param>
    public void Add(ReadOnlySpan<int> tokens, int startPosition, ReadOnlySpan<int> blockTable, int outputs = 1, LoraSet? lora = null)
    {
        if (tokens.IsEmpty) throw new ArgumentException("a sequence needs at least one token", nameof(tokens));
        if (outputs < 0 || outputs > tokens.Length) throw new ArgumentOutOfRangeException(nameof(outputs));
        Grow(ref _tokens, TokenCount + tokens.Length);
        Grow(ref _positions, TokenCount + tokens.Length);
        Grow(ref _outputRows, OutputCount + outputs);
        Grow(ref _blockTables, _blockTableLength + blockTable.Length);
        blockTable.CopyTo(_blockTables.AsSpan(_blockTableLength));
        var start = TokenCount;
        for (var i = 0; i < tokens.Length; i++)
        {
            _tokens[start + i] = tokens[i];
            _positions[start + i] = startPosition + i;
        }
        for (var i = tokens.Length - outputs; i < tokens.Length; i++) _outputRows[OutputCount++] = start + i;
        _sequences.Add(new SequenceSlice(start, tokens.Length, startPosition, _blockTableLength, blockTable.Length, lora));
        _blockTableLength += blockTable.Length;
        TokenCount += tokens.Length;
    }

    /// <summary>The block ids of one sequence's cache, position p living in block <c>table[p / blockSize]</c>.</summary>
    public ReadOnlySpan<int> BlockTable(in SequenceSlice sequence) => _blockTables.AsSpan(sequence.BlockTableStart, sequence.BlockTableLength);

    private static void Grow(ref int[] array, int needed)
    {
        if (array.Length < needed) Array.Resize(ref array, Math.Max(needed, array.Length * 2));
    }
}

/// <summary>One sequence's run of tokens in a <see cref="ForwardBatch"/>.</summary>
/// <param name="TokenStart">Index of its first token in the batch.</param>
/// <param name="StartPosition">Position of that token in the sequence (= tokens already in the KV cache).</param>
/// <param name="BlockTableStart">Where its block table starts in the batch's table arena (see <see cref="ForwardBatch.BlockTable"/>).</param>
/// <param name="Lora">Its adapters, or null for the base model alone.</param>
public readonly record struct SequenceSlice(int TokenStart, int TokenCount, int StartPosition, int BlockTableStart, int BlockTableLength, LoraSet? Lora = null);
