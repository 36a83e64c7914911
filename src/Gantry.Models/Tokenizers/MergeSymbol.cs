namespace Gantry.Models.Tokenizers;

/// <summary>
/// One node of the doubly linked list of pieces both merge loops (SentencePiece and BPE) work on:
/// a span of the word being tokenized. A piece merged into its left neighbour keeps its slot with
/// <see cref="Length"/> 0, so indices stay valid for queued pairs.
/// </summary>
internal struct MergeSymbol
{
    public int Start;
    public int Length;
    public int Prev;
    public int Next;
}
