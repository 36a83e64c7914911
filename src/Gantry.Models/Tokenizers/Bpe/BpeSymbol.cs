namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>A candidate merge of two adjacent symbols of a word, valid while their lengths still add up to <see cref="Size"/>.</summary>
internal readonly record struct BpeBigram(int Left, int Right, int Size);

/// <summary>Lowest merge rank first; equal ranks go leftmost first (llama.cpp's llm_bigram_bpe comparator).</summary>
internal sealed class BpeBigramPriority : IComparer<(int Rank, int Left)>
{
    public static readonly BpeBigramPriority Instance = new();

    public int Compare((int Rank, int Left) x, (int Rank, int Left) y) =>
        x.Rank != y.Rank ? x.Rank.CompareTo(y.Rank) : x.Left.CompareTo(y.Left);
}
