namespace Gantry.Models.Tokenizers.SentencePiece;

/// <summary>A candidate merge of two adjacent pieces, valid while their lengths still add up to <see cref="Size"/>.</summary>
internal readonly record struct SpmBigram(int Left, int Right, int Size);

/// <summary>Highest score first; equal scores go leftmost first (llama.cpp's llm_bigram_spm comparator).</summary>
internal sealed class SpmBigramPriority : IComparer<(float Score, int Left)>
{
    public static readonly SpmBigramPriority Instance = new();

    public int Compare((float Score, int Left) x, (float Score, int Left) y)
    {
        if (x.Score != y.Score) return x.Score > y.Score ? -1 : 1;
        return x.Left.CompareTo(y.Left);
    }
}
